// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

import java.util.Map;

/**
 * Delivers a subscription's messages one attempt at a time; the broker's loop takes the messages,
 * retries as the subscription's {@link io.capaee.api.inbound.DeliveryPolicy} says (pausing without
 * holding a thread), and acknowledges or releases each message to the broker. Called by one
 * thread at a time per subscription, in the broker's order.
 */
public interface DeliveryHandler {
    /** What one attempt came to. */
    enum Outcome {
        /** Delivered: the broker may forget the message. */
        DELIVERED,
        /** Not delivered now: tried again after a pause, while attempts are left. */
        RETRY,
        /** Refused for good: no more attempts. */
        DROP
    }

    /** Tries to deliver {@code message}; {@code attempt} counts from 1. Failures are outcomes, not exceptions. */
    Outcome attempt(byte[] message, int attempt);

    /**
     * As {@link #attempt(byte[], int)}, with the headers the message was published with
     * ({@link PubSubConnection#publish(String, byte[], Map)}; empty when none). This default ignores them.
     */
    default Outcome attempt(byte[] message, Map<String, String> headers, int attempt) {
        return attempt(message, attempt);
    }

    /**
     * The message was dropped ({@code last} is {@link Outcome#DROP}) or its {@code attempts} are spent
     * ({@link Outcome#RETRY}). A failure (an exception) leaves the message with the broker.
     *
     * @return true when it was dealt with (e.g. published to a dead-letter topic) and the broker may
     *     forget it; false to leave it with the broker for a later delivery (at least once)
     */
    boolean undelivered(byte[] message, Outcome last, int attempts);
}
