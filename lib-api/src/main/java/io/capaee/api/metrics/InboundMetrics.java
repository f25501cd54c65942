// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Input bindings, tagged {@code binding} (the bean): {@code capa_binding_dead_letters_total} and the gauge
 * {@code capa_binding_lag} (-1 where the source has none). The resource adapter counts them, without a
 * metric registry; these follow its snapshots ({@link #update}), as {@link ConnectorMetrics} do.
 */
public final class InboundMetrics {
    private static final Metadata DEAD_LETTERS = Metadata.builder().withName("capa.binding.dead.letters")
            .withDescription("Messages an input binding gave up on after the last attempt").build();
    private static final Metadata LAG = Metadata.builder().withName("capa.binding.lag")
            .withDescription("Messages waiting at an input binding's source (-1: the source has no lag)").build();

    private final MetricRegistry registry;
    /** Each binding's counter and what it was last brought to; only {@link #update} touches them. */
    private final Map<String, Seen> seen = new HashMap<>();

    private static final class Seen {
        final Counter deadLetters;
        volatile long lag = -1;
        long lastDeadLetters;

        Seen(MetricRegistry registry, String binding) {
            Tag tag = new Tag("binding", binding);
            deadLetters = registry.counter(DEAD_LETTERS, tag);
            registry.gauge(LAG, this, s -> s.lag, tag);
        }
    }

    public InboundMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * Brings the metrics to the adapter's counts, by bean; a count lower than last time (reactivated) counts
     * from 0 again. A binding no longer active keeps its counter and shows a lag of -1.
     */
    public synchronized void update(Map<String, Long> deadLetters, Map<String, Long> lag) {
        Map<String, Seen> gone = new HashMap<>(seen);
        deadLetters.forEach((binding, count) -> {
            gone.remove(binding);
            Seen s = seen.computeIfAbsent(binding, b -> new Seen(registry, b));
            s.lastDeadLetters = ConnectorMetrics.advance(s.deadLetters, s.lastDeadLetters, count);
            s.lag = lag.getOrDefault(binding, -1L);
        });
        for (Seen s : gone.values()) {
            s.lag = -1;
            s.lastDeadLetters = 0;
        }
    }
}
