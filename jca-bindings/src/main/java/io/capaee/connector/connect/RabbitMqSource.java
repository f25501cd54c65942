// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import io.capaee.connector.rabbitmq.RabbitMqSubscription;
import io.capaee.connector.rabbitmq.RabbitMqSubscription.Arrived;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Source {@code rabbitmq}: a {@link RabbitMqSubscription} to {@code queue} (declared durable when
 * missing; bound to {@code exchange}, a durable topic exchange, with {@code routing_key} when an
 * exchange is given); each message is acknowledged to the broker once the sink took it. A released
 * message is polled again first; one still unacknowledged when the connector stops goes back to the
 * queue. AMQP headers become headers, plus {@code content-type} when set, {@code rabbitmq_queue}, {@code rabbitmq_exchange},
 * {@code rabbitmq_routing_key}. A lost connection fails the poll, and the connector reopens the source.
 */
final class RabbitMqSource implements ConnectorSource {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Deque<Arrived> released = new ArrayDeque<>(); // touched by the connector's turns only
    private final RabbitMqSubscription subscription;
    private final int prefetch;

    RabbitMqSource(ComponentStep step, String connectorId) throws IOException, TimeoutException {
        RabbitMqSettings settings = new RabbitMqSettings(step.string("url", RabbitMqSettings.URL), step.string("username", ""),
                step.string("password", ""), TIMEOUT_MILLIS);
        String exchange = step.string("exchange", "");
        prefetch = step.integer("prefetch", 100);
        subscription = RabbitMqSubscription.open(settings, "capa-connector-" + connectorId, new RabbitMqSubscription.Queue(
                step.string("queue", null), true, exchange, "topic", step.string("routing_key", "#")), prefetch);
    }

    @Override
    public List<Received> poll(Duration wait) throws InterruptedException {
        List<Received> batch = new ArrayList<>();
        while (!released.isEmpty() && batch.size() < prefetch) {
            batch.add(received(released.removeFirst()));
        }
        if (batch.isEmpty()) {
            subscription.take(wait, prefetch).forEach(message -> batch.add(received(message)));
        }
        return batch;
    }

    private Received received(Arrived message) {
        Map<String, String> headers = RabbitMqClients.headers(message.properties());
        headers.put("rabbitmq_queue", subscription.queue());
        headers.put("rabbitmq_exchange", message.envelope().getExchange());
        headers.put("rabbitmq_routing_key", message.envelope().getRoutingKey());
        if (message.properties() != null && message.properties().getContentType() != null) {
            headers.put("content-type", message.properties().getContentType());
        }
        return new Received(new Envelope(message.body(), headers, null), new Received.Acknowledgement() {
            @Override
            public void ack() throws IOException {
                subscription.acknowledge(message);
            }

            @Override
            public void release() {
                released.addLast(message);
            }
        });
    }

    @Override
    public void close() {
        subscription.close();
        released.clear();
    }
}
