// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqPublisher;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Sink {@code rabbitmq}: publishes each message, persistent, to {@code exchange} (none: the default
 * exchange, which routes to the queue named by the routing key) with {@code routing_key}, and returns
 * once the broker confirmed it; a message no queue takes fails the send (and is retried or
 * dead-lettered as the connector says), never dropped. The headers become AMQP headers
 * ({@code content-type} also the message's content type).
 */
final class RabbitMqSink implements ConnectorSink {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final RabbitMqPublisher publisher;
    private final String exchange;
    private final String routingKey;

    RabbitMqSink(ComponentStep step, String connectorId) throws IOException, TimeoutException {
        RabbitMqSettings settings = new RabbitMqSettings(step.string("url", RabbitMqSettings.URL), step.string("username", ""),
                step.string("password", ""), TIMEOUT_MILLIS);
        exchange = step.string("exchange", "");
        routingKey = step.string("routing_key", null);
        publisher = RabbitMqPublisher.open(settings, "capa-connector-" + connectorId + "-" + UUID.randomUUID());
    }

    @Override
    public void send(Envelope message) throws IOException, TimeoutException {
        publisher.publish(exchange, routingKey, RabbitMqClients.properties(message.headers(),
                message.headers().get("content-type"), true),
                message.data(), true);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
