// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubSubscription;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The broker SPI behind {@link io.capaee.api.pubsub.PubSubConnection}; thread-safe. A broker
 * publishes and opens sources; the subscriptions' loops ({@link SubscriptionTurns}) are the same
 * for every broker.
 */
public interface Broker {
    /** Publishes {@code message} with {@code headers} in the broker's message headers (empty: none). */
    void publish(String topic, byte[] message, Map<String, String> headers);

    default void publish(String topic, byte[] message) {
        publish(topic, message, Map.of());
    }

    /** Joins consumer {@code group} on {@code topic} (creating what the broker needs for it). */
    BrokerSource open(String topic, String group) throws Exception;

    /** Whether the adapter closed the broker (it stops): its subscriptions end without complaint. */
    default boolean stopped() {
        return false;
    }

    /** How long a new subscription waits until its source is {@linkplain BrokerSource#ready ready}. */
    default long readyWaitMillis() {
        return 5_000;
    }

    /** A subscription on a thread of {@code executor} for a handler that may block (Reactive Messaging's acks). */
    default PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        return ThreadSubscription.start(this, topic, group, handler, executor);
    }
}
