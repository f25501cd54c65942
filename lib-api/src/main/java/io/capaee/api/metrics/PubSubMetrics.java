// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Pub/sub, tagged {@code pubsub} and {@code topic}: {@code capa_pubsub_published_total} and
 * {@code capa_pubsub_publish_errors_total} (the publish API), {@code capa_pubsub_delivered_total},
 * {@code capa_pubsub_delivery_failures_total} (attempts that failed and are retried) and
 * {@code capa_pubsub_dead_letters_total} (messages given up: sent to the dead-letter topic, dropped by
 * the app, or handed back to the broker), and the gauge {@code capa_pubsub_lag} (the messages waiting at the
 * broker for a subscription running here, where the broker has a lag; -1 otherwise), brought up to date from
 * the subscriptions' readings ({@link #lag(Map)}).
 */
public final class PubSubMetrics {
    private static final Metadata PUBLISHED = Metadata.builder().withName("capa.pubsub.published")
            .withDescription("Messages published on a topic through the publish API").build();
    private static final Metadata PUBLISH_ERRORS = Metadata.builder().withName("capa.pubsub.publish.errors")
            .withDescription("Messages the broker did not take").build();
    private static final Metadata DELIVERED = Metadata.builder().withName("capa.pubsub.delivered")
            .withDescription("Messages a subscription delivered").build();
    private static final Metadata FAILURES = Metadata.builder().withName("capa.pubsub.delivery.failures")
            .withDescription("Delivery attempts of a subscription that failed").build();
    private static final Metadata DEAD_LETTERS = Metadata.builder().withName("capa.pubsub.dead.letters")
            .withDescription("Messages a subscription gave up on").build();

    private static final Metadata LAG = Metadata.builder().withName("capa.pubsub.lag")
            .withDescription("Messages waiting at the broker for a subscription (-1: none known)").build();

    private final Recorders<Publish> publish;
    private final Recorders<Lag> lag;
    private final Recorders<Delivery> delivery;

    private record Publish(Counter published, Counter errors) {}

    private record Delivery(Counter delivered, Counter failures, Counter deadLetters) {}

    /** A subscription's last lag reading, which its gauge reads. */
    private static final class Lag {
        volatile long value = -1;
    }

    public PubSubMetrics(MetricRegistry registry) {
        publish = new Recorders<>(key -> {
            Tag[] tags = tags(key);
            return new Publish(registry.counter(PUBLISHED, tags), registry.counter(PUBLISH_ERRORS, tags));
        });
        delivery = new Recorders<>(key -> {
            Tag[] tags = tags(key);
            return new Delivery(registry.counter(DELIVERED, tags), registry.counter(FAILURES, tags), registry.counter(DEAD_LETTERS, tags));
        });
        lag = new Recorders<>(key -> {
            Lag gauge = new Lag();
            registry.gauge(LAG, gauge, g -> g.value, tags(key));
            return gauge;
        });
    }

    private static Tag[] tags(String key) {
        return new Tag[] {new Tag("pubsub", Recorders.first(key)), new Tag("topic", Recorders.second(key))};
    }

    /** Per {@code pubsub/topic}, for the JMX view. */
    public Map<String, Long> publishedCounts() {
        return publish.counts(r -> r.published().getCount());
    }

    public Map<String, Long> deliveredCounts() {
        return delivery.counts(r -> r.delivered().getCount());
    }

    public Map<String, Long> failureCounts() {
        return delivery.counts(r -> r.failures().getCount());
    }

    public Map<String, Long> deadLetterCounts() {
        return delivery.counts(r -> r.deadLetters().getCount());
    }

    public void published(String pubsub, String topic, boolean failed) {
        Publish r = publish.of(Recorders.key(pubsub, topic));
        if (failed) {
            r.errors().inc();
        } else {
            r.published().inc();
        }
    }

    /** The outcome of one delivery attempt of a subscription. */
    public void attempted(String pubsub, String topic, boolean delivered) {
        Delivery r = delivery.of(Recorders.key(pubsub, topic));
        if (delivered) {
            r.delivered().inc();
        } else {
            r.failures().inc();
        }
    }

    public void deadLettered(String pubsub, String topic) {
        delivery.of(Recorders.key(pubsub, topic)).deadLetters().inc();
    }

    /**
     * Brings the lag gauges to the subscriptions' readings, per {@code pubsub/topic} (a component's name has no
     * '/'); a subscription without a reading now shows -1.
     */
    public synchronized void lag(Map<String, Long> readings) {
        Map<String, Long> now = new HashMap<>();
        readings.forEach((key, n) -> {
            int slash = key.indexOf('/');
            now.put(Recorders.key(key.substring(0, slash), key.substring(slash + 1)), n);
        });
        lag.keys().forEach(key -> lag.of(key).value = now.getOrDefault(key, -1L));
        now.forEach((key, n) -> lag.of(key).value = n);
    }
}
