// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import java.util.Objects;

/**
 * A subscription of the app to a topic: where its messages are POSTed ({@code route}, a path on
 * the app or an absolute URL), the dead-letter topic (null for none), whether the payloads are raw,
 * and where it came from ({@code DECLARATIVE} configuration or {@code PROGRAMMATIC} discovery).
 */
record Subscription(String pubsub, String topic, String route, String deadLetterTopic, boolean rawPayload, String type) {
    Subscription {
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(route, "route");
        deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? null : deadLetterTopic;
    }

    /** What identifies a subscription across discoveries. */
    String key() {
        return pubsub + "/" + topic + " -> " + route;
    }
}
