// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import java.util.Objects;

/**
 * A subscription of the app to a topic: where its messages are POSTed ({@code route}, a path on
 * the app or an absolute URL), the dead-letter topic (null for none), whether the payloads are raw,
 * where it came from ({@code DECLARATIVE} configuration or {@code PROGRAMMATIC} discovery), and how
 * many of its deliveries may be under way at once (0: as {@code capa.pubsub.max-concurrent-deliveries}
 * says).
 */
record Subscription(String pubsub, String topic, String route, String deadLetterTopic, boolean rawPayload, String type,
        int maxConcurrentDeliveries) {
    /** The metadata key (of {@code /dapr/subscribe}) and the suffix of a declared subscription's property. */
    static final String CONCURRENCY_METADATA = "maxConcurrentDeliveries";
    static final String CONCURRENCY_PROPERTY = "max-concurrent-deliveries";

    Subscription {
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(route, "route");
        deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? null : deadLetterTopic;
        if (maxConcurrentDeliveries < 0) {
            throw new IllegalArgumentException(CONCURRENCY_METADATA + " must be at least 1, not " + maxConcurrentDeliveries);
        }
    }

    /** A subscription whose deliveries are as many at once as the server's setting says. */
    Subscription(String pubsub, String topic, String route, String deadLetterTopic, boolean rawPayload, String type) {
        this(pubsub, topic, route, deadLetterTopic, rawPayload, type, 0);
    }

    /**
     * The {@value #CONCURRENCY_METADATA} of a subscription's metadata: a number from 1, or absent (null: 0).
     *
     * @throws IllegalArgumentException naming the key and the value
     */
    static int concurrency(String metadata) {
        if (metadata == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(metadata.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(CONCURRENCY_METADATA + " must be a number from 1, not '" + metadata + "'");
    }

    /** What identifies a subscription across discoveries. */
    String key() {
        return pubsub + "/" + topic + " -> " + route;
    }
}
