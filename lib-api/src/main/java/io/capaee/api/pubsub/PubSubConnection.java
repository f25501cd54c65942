// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A handle on a broker; one per unit of work (subscriptions outlive it). Failures are
 * {@link PubSubException}s.
 */
public interface PubSubConnection extends AutoCloseable {
    /** Publishes {@code message} to {@code topic}; returns once the broker has it. */
    void publish(String topic, byte[] message);

    /**
     * Publishes {@code message} with {@code headers} (text names and values, such as the W3C trace context of a
     * message that has no envelope to carry it) in the broker's own message headers: NATS and Kafka headers, Redis
     * stream fields, MQTT 5 user properties, AMQP headers. A subscriber's {@link DeliveryHandler} gets them back.
     * This default drops them.
     */
    default void publish(String topic, byte[] message, Map<String, String> headers) {
        publish(topic, message);
    }

    /**
     * Delivers the messages of {@code topic} to {@code handler}, each message once per consumer
     * {@code group} (competing consumers share a group). The wait runs as one long task on
     * {@code executor}. A message the handler answers {@code false} for (or throws on) is delivered
     * again later: at least once.
     */
    PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor);

    /**
     * Delivers the messages of {@code topic} to {@code handler}, each message once per consumer
     * {@code group}, in turns on the resource adapter's work manager: a thread is held only while
     * a message is being delivered, and the pause before a retry ({@code policy}) holds none.
     * Messages are delivered one at a time, in the broker's order; a message is acknowledged once
     * delivered or dealt with by {@link DeliveryHandler#undelivered}, else the broker delivers it
     * again later (at least once). Returns once the subscription receives what is published from
     * now on (at most the broker's timeout).
     */
    default PubSubSubscription subscribe(String topic, String group, DeliveryPolicy policy, DeliveryHandler handler) {
        return subscribe(topic, group, policy, handler, 1);
    }

    /**
     * As {@link #subscribe(String, String, DeliveryPolicy, DeliveryHandler)}, with up to
     * {@code maxConcurrentAttempts} messages that follow each other in the broker's order delivered
     * at once, each on its own thread (1: one at a time, in order), so {@code handler} must be
     * thread-safe when it is more. The broker still learns in its order: a message delivered is
     * acknowledged once those before it are settled, so no more than {@code maxConcurrentAttempts}
     * are delivered and not yet acknowledged. Where the broker redelivers from a position (Kafka), a
     * message released after its last attempt brings the messages delivered beside it again.
     *
     * @throws PubSubException when {@code maxConcurrentAttempts} is below 1
     */
    PubSubSubscription subscribe(String topic, String group, DeliveryPolicy policy, DeliveryHandler handler,
            int maxConcurrentAttempts);

    @Override
    void close();
}
