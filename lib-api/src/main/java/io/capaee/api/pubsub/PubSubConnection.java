// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

import java.util.concurrent.Executor;

/**
 * A handle on a broker; one per unit of work (subscriptions outlive it). Failures are
 * {@link PubSubException}s.
 */
public interface PubSubConnection extends AutoCloseable {
    /** Publishes {@code message} to {@code topic}; returns once the broker has it. */
    void publish(String topic, byte[] message);

    /**
     * Delivers the messages of {@code topic} to {@code handler}, each message once per consumer
     * {@code group} (competing consumers share a group). The wait runs as one long task on
     * {@code executor}. A message the handler answers {@code false} for (or throws on) is delivered
     * again later: at least once.
     */
    PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor);

    @Override
    void close();
}
