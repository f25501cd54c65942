// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.metrics.PubSubMetrics;
import io.capaee.api.pubsub.DeliveryHandler;
import java.util.Map;

/** A subscription's delivery, counted in {@link PubSubMetrics}: each attempt's outcome, and the messages given up. */
final class MeteredDelivery implements DeliveryHandler {
    private final DeliveryHandler delivery;
    private final PubSubMetrics metrics;
    private final String pubsub;
    private final String topic;

    MeteredDelivery(DeliveryHandler delivery, PubSubMetrics metrics, Subscription subscription) {
        this.delivery = delivery;
        this.metrics = metrics;
        this.pubsub = subscription.pubsub();
        this.topic = subscription.topic();
    }

    @Override
    public Outcome attempt(byte[] message, int attempt) {
        return attempt(message, Map.of(), attempt);
    }

    @Override
    public Outcome attempt(byte[] message, Map<String, String> headers, int attempt) {
        Outcome outcome = delivery.attempt(message, headers, attempt); // the headers: a raw message's trace context
        metrics.attempted(pubsub, topic, outcome == Outcome.DELIVERED);
        return outcome;
    }

    @Override
    public boolean undelivered(byte[] message, Outcome last, int attempts) {
        metrics.deadLettered(pubsub, topic);
        return delivery.undelivered(message, last, attempts);
    }
}
