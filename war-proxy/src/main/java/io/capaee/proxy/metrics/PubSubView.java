// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metrics;

import io.capaee.api.metrics.PubSubMetrics;
import io.capaee.proxy.pubsub.Subscriptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link GatewayMXBeans.PubSubComponentMXBean} of one pub/sub component, over the metrics of its topics. */
final class PubSubView implements GatewayMXBeans.PubSubComponentMXBean {
    static final String TYPE = "PubSub";

    private final PubSubMetrics metrics;
    private final Subscriptions subscriptions;
    private final String component;
    private final String type;

    PubSubView(PubSubMetrics metrics, Subscriptions subscriptions, String component, String type) {
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.component = component;
        this.type = type;
    }

    @Override
    public String getComponent() {
        return component;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public List<String> getSubscriptions() {
        return subscriptions.subscriptions().stream().filter(s -> s.pubsubname().equals(component))
                .map(s -> s.topic() + " -> " + s.path()).sorted().toList();
    }

    @Override
    public Map<String, Long> getPublished() {
        return topics(metrics.publishedCounts());
    }

    @Override
    public Map<String, Long> getDelivered() {
        return topics(metrics.deliveredCounts());
    }

    @Override
    public Map<String, Long> getDeliveryFailures() {
        return topics(metrics.failureCounts());
    }

    @Override
    public Map<String, Long> getDeadLetters() {
        return topics(metrics.deadLetterCounts());
    }

    @Override
    public Map<String, Long> getLag() {
        return topics(subscriptions.lag());
    }

    /** This component's entries of a {@code pubsub/topic} map, by topic (a component's name has no '/'). */
    private Map<String, Long> topics(Map<String, Long> all) {
        String prefix = component + "/";
        Map<String, Long> mine = new TreeMap<>();
        all.forEach((key, count) -> {
            if (key.startsWith(prefix)) {
                mine.put(key.substring(prefix.length()), count);
            }
        });
        return mine;
    }
}
