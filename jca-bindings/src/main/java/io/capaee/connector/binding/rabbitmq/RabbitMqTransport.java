// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.outbound.SharedBackendBase;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqPublisher;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Operation {@code create}: publishes and returns once the broker confirmed the message; a message
 * that no queue takes is refused (mandatory publish), never dropped. Metadata, as Dapr's RabbitMQ
 * binding: {@code routingKey} overrides the binding's routing key when the allow-list lets it,
 * {@code ttlInSeconds} sets the message's expiration, {@code priority} (0-255) its priority,
 * {@code contentType} its content type; every other entry becomes an AMQP header.
 */
final class RabbitMqTransport extends SharedBackendBase implements BindingTransport {
    private static final Set<String> OWN_METADATA = Set.of("routingKey", "ttlInSeconds", "priority", "contentType");

    /** Where messages go; {@code exchange} empty: the default exchange. */
    record Route(String exchange, String routingKey, boolean persistent) {
    }

    private final RabbitMqSettings settings;
    private final Route route;
    private final SubjectAllowList allowed;
    private final RabbitMqPublisher publisher;

    RabbitMqTransport(RabbitMqSettings settings, Route route, SubjectAllowList allowed) {
        this.settings = settings;
        this.route = route;
        this.allowed = allowed;
        try {
            this.publisher = RabbitMqPublisher.open(settings, "capa-ee-binding-" + UUID.randomUUID());
        } catch (IOException | TimeoutException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "cannot connect to RabbitMQ " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        String key = request.metadata("routingKey") != null ? request.metadata("routingKey") : route.routingKey();
        if (key.isEmpty() && route.exchange().isEmpty()) {
            throw new OutputBindingException(Reason.BAD_REQUEST,
                    "the binding has no routing key (queue) configured: give the metadata 'routingKey'");
        }
        if (!key.equals(route.routingKey())) {
            if (!RabbitMqClients.isName(key)) {
                throw new OutputBindingException(Reason.BAD_REQUEST, "metadata 'routingKey' is longer than 255 bytes");
            }
            allowed.check(key);
        }
        Map<String, String> headers = new HashMap<>(request.metadata());
        OWN_METADATA.forEach(headers::remove);
        AMQP.BasicProperties.Builder properties = RabbitMqClients.properties(headers, request.metadata("contentType"),
                route.persistent()).builder();
        String ttl = request.metadata("ttlInSeconds");
        if (ttl != null) {
            properties.expiration(Long.toString(number("ttlInSeconds", ttl, 0, Integer.MAX_VALUE / 1000) * 1000));
        }
        String priority = request.metadata("priority");
        if (priority != null) {
            properties.priority((int) number("priority", priority, 0, 255));
        }
        try {
            publisher.publish(route.exchange(), key, properties.build(), request.data(), true);
        } catch (RabbitMqPublisher.UnroutableException e) {
            // the routing key names nothing: what the caller (or the binding's configuration) must change
            throw new OutputBindingException(Reason.BAD_REQUEST, "no queue took the message, nothing was stored: "
                    + e.getMessage(), e);
        } catch (IOException | TimeoutException | ShutdownSignalException e) { // AlreadyClosedException: the connection is down
            Reason reason = publisher.isConnected() ? Reason.FAILED : Reason.UNAVAILABLE;
            throw new OutputBindingException(reason, "RabbitMQ publish to " + where(key) + " failed: " + e.getMessage(), e);
        }
        return BindingResponse.empty(Map.of("routingKey", key));
    }

    private String where(String key) {
        return (route.exchange().isEmpty() ? "queue '" + key + "'" : "exchange '" + route.exchange() + "', routing key '"
                + key + "'") + " at " + settings.url();
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new OutputBindingException(Reason.BAD_REQUEST, "metadata '" + name + "' is '" + value + "': a whole number from "
                + min + " to " + max);
    }

    @Override
    public void check() {
        if (!publisher.isConnected()) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "RabbitMQ " + settings.url() + " is not connected");
        }
    }

    @Override
    public Set<String> operations() {
        return Set.of("create");
    }

    @Override
    public String describe() {
        return "rabbitmq " + settings.url();
    }

    @Override
    protected void release() {
        publisher.close();
    }
}
