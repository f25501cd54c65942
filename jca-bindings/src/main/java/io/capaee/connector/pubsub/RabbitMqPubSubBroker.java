// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import com.rabbitmq.client.ShutdownSignalException;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.connector.outbound.SharedBackendBase;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqPublisher;
import io.capaee.connector.rabbitmq.RabbitMqSubscription;
import io.capaee.connector.rabbitmq.RabbitMqSubscription.Arrived;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RabbitMQ, as Dapr's {@code pubsub.rabbitmq}: a topic is a durable fanout exchange, a consumer
 * group a durable queue bound to it, so servers of one group share its messages and the queue keeps
 * what is published while none of them runs. Messages are persistent and published with confirms.
 * A message is acknowledged once the handler accepted it (delivered, or dropped to a dead-letter
 * topic by the layer above); one it refused stays unacknowledged and is handed to the same
 * subscription again after {@code redeliverAfterMillis}; one abandoned as the subscription stops
 * goes back to the queue at once, for another server of the group. What a server had not
 * acknowledged when it died goes back to the queue when its connection drops.
 */
public final class RabbitMqPubSubBroker extends SharedBackendBase implements Broker {
    private static final Logger LOG = Logger.getLogger(RabbitMqPubSubBroker.class.getName());
    private static final String FANOUT = "fanout";

    private final RabbitMqPubSubSettings settings;
    private final Set<String> declared = ConcurrentHashMap.newKeySet(); // exchanges this publisher declared
    private RabbitMqPublisher publisher; // guarded by this

    public RabbitMqPubSubBroker(RabbitMqPubSubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void publish(String topic, byte[] message, Map<String, String> headers) {
        String exchange = exchange(topic);
        try {
            RabbitMqPublisher client = publisher();
            if (!declared.contains(exchange)) {
                client.declareExchange(exchange, FANOUT);
                declared.add(exchange);
            }
            client.publish(exchange, "", RabbitMqClients.properties(headers, null, true), message, false);
        } catch (IOException | TimeoutException | ShutdownSignalException e) { // AlreadyClosedException: the connection is down
            declared.remove(exchange); // declared again by the next publish, should the exchange have gone
            throw new PubSubException("RabbitMQ " + settings.rabbitMq().url() + " did not take a message to exchange "
                    + exchange + ": " + e.getMessage(), e);
        }
    }

    private synchronized RabbitMqPublisher publisher() throws IOException, TimeoutException {
        if (closed()) {
            throw new PubSubException("the RabbitMQ broker " + settings.rabbitMq().url() + " is closed");
        }
        if (publisher == null) {
            publisher = RabbitMqPublisher.open(settings.rabbitMq(), "capa-ee-pubsub-" + UUID.randomUUID());
        }
        return publisher;
    }

    private String exchange(String topic) {
        String exchange = settings.exchange(topic);
        if (topic.isEmpty() || !RabbitMqClients.isName(exchange) || exchange.startsWith("amq.")) {
            throw new PubSubException("'" + topic + "' is not a topic RabbitMQ takes: not empty, at most 255 bytes with the"
                    + " prefix, not amq.");
        }
        return exchange;
    }

    @Override
    public BrokerSource open(String topic, String group) throws IOException, TimeoutException {
        String exchange = exchange(topic);
        String queue = settings.queue(topic, group);
        if (!RabbitMqClients.isName(queue)) {
            throw new PubSubException("the queue of group '" + group + "' on topic '" + topic + "' would be longer than 255 bytes");
        }
        return new Source(RabbitMqSubscription.open(settings.rabbitMq(), "capa-ee-pubsub-" + queue,
                new RabbitMqSubscription.Queue(queue, true, exchange, FANOUT, ""), settings.prefetch()));
    }

    @Override
    public boolean stopped() {
        return closed();
    }

    @Override
    protected void release() {
        RabbitMqPublisher client;
        synchronized (this) {
            client = publisher;
            publisher = null;
        }
        if (client != null) {
            client.close();
        }
    }

    /** A message handed back, and when it may be handed over again. */
    private record Released(long dueNanos, Arrived message) {
    }

    /** One subscription: a consumer of the group's queue with manual acknowledgements. */
    private final class Source implements BrokerSource {
        private final Deque<Released> released = new ArrayDeque<>(); // touched by the subscription's turns only
        private final RabbitMqSubscription subscription;

        Source(RabbitMqSubscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public List<BrokerMessage> take(Duration wait) throws InterruptedException {
            if (closed()) {
                throw new PubSubException("the RabbitMQ broker " + settings.rabbitMq().url() + " is closed");
            }
            List<BrokerMessage> messages = new ArrayList<>();
            long now = System.nanoTime();
            while (!released.isEmpty() && released.peekFirst().dueNanos() - now <= 0 && messages.size() < settings.prefetch()) {
                messages.add(message(released.removeFirst().message()));
            }
            if (messages.isEmpty()) {
                subscription.take(wait, settings.prefetch()).forEach(arrived -> messages.add(message(arrived)));
            }
            return messages;
        }

        private BrokerMessage message(Arrived message) {
            return new BrokerMessage(message.body(), () -> settle(message, true),
                    () -> released.addLast(new Released(System.nanoTime()
                            + TimeUnit.MILLISECONDS.toNanos(settings.redeliverAfterMillis()), message)),
                    () -> settle(message, false), () -> false, RabbitMqClients.headers(message.properties()));
        }

        /** Acknowledges, or puts back in the queue; a failure is logged: the broker sends it again later (at-least-once). */
        private void settle(Arrived message, boolean handled) {
            try {
                if (handled) {
                    subscription.acknowledge(message);
                } else {
                    subscription.requeue(message);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "settling a RabbitMQ message of queue " + subscription.queue() + " failed", e);
            }
        }

        @Override
        public void close() {
            subscription.close();
            released.clear();
        }
    }
}
