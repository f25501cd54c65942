// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.rabbitmq;

import io.capaee.api.inbound.RabbitMqListener;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import io.capaee.connector.rabbitmq.RabbitMqSubscription;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import java.util.Locale;
import java.util.Set;

/** Feeds a {@link RabbitMqListener} bean from a RabbitMQ queue, optionally bound to an exchange. */
@Activation(messageListeners = RabbitMqListener.class)
public class RabbitMqActivationSpec extends InboundActivationSpec {
    private static final Set<String> EXCHANGE_TYPES = Set.of("direct", "fanout", "topic", "headers");

    @ConfigProperty(defaultValue = RabbitMqSettings.URL, description = RabbitMqSettings.URL_HELP)
    private String url = RabbitMqSettings.URL;

    @ConfigProperty(defaultValue = "", description = RabbitMqSettings.USERNAME_HELP)
    private String username = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = RabbitMqSettings.PASSWORD_HELP)
    private String password = "";

    @ConfigProperty(defaultValue = RabbitMqSettings.TIMEOUT_MILLIS,
            description = "Connect timeout, and how long a dead letter waits for the broker's confirmation, in ms")
    private Integer timeoutMillis = Integer.valueOf(RabbitMqSettings.TIMEOUT_MILLIS);

    @ConfigProperty(description = "Queue to consume; servers consuming the same queue share its messages")
    private String queue = "";

    @ConfigProperty(defaultValue = "true", description = "true: declare the queue (durable) when it does not exist;"
            + " false: it must exist")
    private Boolean declareQueue = true;

    @ConfigProperty(defaultValue = "", description = "Exchange to bind the queue to (declared durable when missing);"
            + " empty: none, the queue gets what is published to it by name")
    private String exchange = "";

    @ConfigProperty(defaultValue = "topic", description = "Type of the exchange when it is declared: direct, fanout,"
            + " topic or headers")
    private String exchangeType = "topic";

    @ConfigProperty(defaultValue = "#", description = "Routing key (a pattern for a topic exchange) the queue is bound with")
    private String routingKey = "#";

    @ConfigProperty(defaultValue = "100", description = "Most messages the broker sends before they are acknowledged")
    private Integer prefetch = 100;

    @ConfigProperty(defaultValue = "", description = "Queue dead letters are published to (declared durable);"
            + " empty: <queue>.dlq")
    private String deadLetterQueue = "";

    @Override
    protected void validateSource() {
        settings();
        queueToRead();
        int most = required("prefetch", prefetch);
        if (most < 1 || most > 65_535) {
            throw new InvalidConfigException("prefetch", most + " is not from 1 to 65535 (AMQP's limit)");
        }
        if (!exchange().isEmpty() && !EXCHANGE_TYPES.contains(exchangeType())) {
            throw new InvalidConfigException("exchangeType", "'" + exchangeType + "' is not one of " + EXCHANGE_TYPES);
        }
        if (!RabbitMqClients.isName(deadLetterQueue())) {
            throw new InvalidConfigException("deadLetterQueue", "'" + deadLetterQueue + "' is not a queue name");
        }
    }

    private RabbitMqSettings settings() {
        return new RabbitMqSettings(url, username, password, required("timeoutMillis", timeoutMillis));
    }

    private RabbitMqSubscription.Queue queueToRead() {
        String name = required("queue", queue);
        if (!RabbitMqClients.isName(name) || name.startsWith("amq.")) {
            throw new InvalidConfigException("queue", "'" + name + "' is not a queue name one may declare (at most 255"
                    + " bytes, not amq.)");
        }
        String key = routingKey == null ? "" : routingKey.strip();
        return new RabbitMqSubscription.Queue(name, !Boolean.FALSE.equals(declareQueue), exchange(), exchangeType(), key);
    }

    private String exchange() {
        return exchange == null ? "" : exchange.strip();
    }

    private String exchangeType() {
        return exchangeType == null ? "" : exchangeType.strip().toLowerCase(Locale.ROOT);
    }

    private String deadLetterQueue() {
        return deadLetterQueue == null || deadLetterQueue.isBlank() ? queue.strip() + ".dlq" : deadLetterQueue.strip();
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        return new RabbitMqInboundEndpoint(settings(), queueToRead(), prefetch, deadLetterQueue(), getTarget(), policy(),
                invoker);
    }

    @Override
    public String describe() {
        return "rabbitmq " + queue + (exchange().isEmpty() ? "" : " (exchange " + exchange + ")");
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public Boolean getDeclareQueue() {
        return declareQueue;
    }

    public void setDeclareQueue(Boolean declareQueue) {
        this.declareQueue = declareQueue;
    }

    public String getExchange() {
        return exchange;
    }

    public void setExchange(String exchange) {
        this.exchange = exchange;
    }

    public String getExchangeType() {
        return exchangeType;
    }

    public void setExchangeType(String exchangeType) {
        this.exchangeType = exchangeType;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    public Integer getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(Integer prefetch) {
        this.prefetch = prefetch;
    }

    public String getDeadLetterQueue() {
        return deadLetterQueue;
    }

    public void setDeadLetterQueue(String deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }
}
