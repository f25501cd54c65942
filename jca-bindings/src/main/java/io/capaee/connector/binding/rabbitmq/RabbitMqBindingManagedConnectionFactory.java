// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.rabbitmq;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.RabbitMqBindingFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * The {@code rabbitmq} output binding: {@code create} publishes to {@code exchange} with
 * {@code routingKey} (with the default exchange, the routing key is the queue's name, as Dapr's
 * {@code queueName}) and waits for the broker's confirmation; a message no queue takes is an error,
 * not a loss. A caller may name another routing key in the metadata only when
 * {@code allowedRoutingKeys} allows it.
 */
@ConnectionDefinition(
        connectionFactory = RabbitMqBindingFactory.class,
        connectionFactoryImpl = RabbitMqBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class RabbitMqBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = RabbitMqSettings.URL, description = RabbitMqSettings.URL_HELP)
    private String url = RabbitMqSettings.URL;

    @ConfigProperty(defaultValue = "", description = RabbitMqSettings.USERNAME_HELP)
    private String username = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = RabbitMqSettings.PASSWORD_HELP)
    private String password = "";

    @ConfigProperty(defaultValue = RabbitMqSettings.TIMEOUT_MILLIS,
            description = "Connect timeout, and how long a publish waits for the broker's confirmation, in ms")
    private Integer timeoutMillis = Integer.valueOf(RabbitMqSettings.TIMEOUT_MILLIS);

    @ConfigProperty(defaultValue = "", description = "Exchange messages are published to; empty: the default exchange,"
            + " which routes to the queue named by the routing key")
    private String exchange = "";

    @ConfigProperty(description = "Routing key messages go with unless the request's metadata names one (metadata"
            + " 'routingKey'); with the default exchange, the queue's name")
    private String routingKey = "";

    @ConfigProperty(defaultValue = "", description = "Routing keys a caller may choose besides 'routingKey', comma"
            + " separated; words separated by '.', * one word, # the rest; amq. names only when a pattern names them")
    private String allowedRoutingKeys = "";

    @ConfigProperty(defaultValue = "true", description = "true: messages are persistent (delivery mode 2), kept on disk by"
            + " durable queues")
    private Boolean persistent = true;

    @Override
    protected void validate() {
        settings();
        allowList();
        if (exchange != null && !RabbitMqClients.isName(exchange.strip())) {
            throw new InvalidConfigException("exchange", "'" + exchange + "' is not an exchange name (at most 255 bytes)");
        }
    }

    private RabbitMqSettings settings() {
        return new RabbitMqSettings(url, username, password, required("timeoutMillis", timeoutMillis, 1));
    }

    private SubjectAllowList allowList() {
        return new SubjectAllowList("routing key", "allowedRoutingKeys", routingKey, allowedRoutingKeys,
                SubjectAllowList.Namespace.RABBITMQ);
    }

    @Override
    protected BindingTransport openBackend() {
        return new RabbitMqTransport(settings(), new RabbitMqTransport.Route(exchange == null ? "" : exchange.strip(),
                routingKey == null ? "" : routingKey.strip(), !Boolean.FALSE.equals(persistent)), allowList());
    }

    @Override
    public String describe() {
        return "rabbitmq " + url;
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

    public String getExchange() {
        return exchange;
    }

    public void setExchange(String exchange) {
        this.exchange = exchange;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    public String getAllowedRoutingKeys() {
        return allowedRoutingKeys;
    }

    public void setAllowedRoutingKeys(String allowedRoutingKeys) {
        this.allowedRoutingKeys = allowedRoutingKeys;
    }

    public Boolean getPersistent() {
        return persistent;
    }

    public void setPersistent(Boolean persistent) {
        this.persistent = persistent;
    }
}
