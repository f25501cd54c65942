// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import io.capaee.api.connect.ConnectorStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Connectors, tagged {@code connector}: {@code capa_connector_messages_in_total},
 * {@code capa_connector_messages_out_total}, {@code capa_connector_errors_total},
 * {@code capa_connector_dead_letters_total} and the gauges {@code capa_connector_running} (1 running, 0
 * stopped or gone) and {@code capa_connector_lag} (the messages waiting at its source, -1 where there is no lag
 * or the connector is stopped). The connectors count in the resource adapter, which has no metric registry; these
 * counters follow their snapshots ({@link #update}), so the messages' path pays nothing for them.
 */
public final class ConnectorMetrics {
    private static final Metadata IN = Metadata.builder().withName("capa.connector.messages.in")
            .withDescription("Messages a connector took from its source").build();
    private static final Metadata OUT = Metadata.builder().withName("capa.connector.messages.out")
            .withDescription("Messages a connector's sink accepted").build();
    private static final Metadata ERRORS = Metadata.builder().withName("capa.connector.errors")
            .withDescription("Failed attempts of a connector (each retried)").build();
    private static final Metadata DEAD_LETTERS = Metadata.builder().withName("capa.connector.dead.letters")
            .withDescription("Messages a connector gave up on").build();
    private static final Metadata LAG = Metadata.builder().withName("capa.connector.lag")
            .withDescription("Messages waiting at a running connector's source (-1: none known)").build();
    private static final Metadata RUNNING = Metadata.builder().withName("capa.connector.running")
            .withDescription("1 while a connector runs, 0 when it is stopped or deleted").build();

    private final MetricRegistry registry;
    /** Each connector's counters and the counts they were last brought to; only {@link #update} touches them. */
    private final Map<String, Seen> seen = new HashMap<>();

    private static final class Seen {
        final Counter in;
        final Counter out;
        final Counter errors;
        final Counter deadLetters;
        volatile int running;
        volatile long lag = -1;
        long lastIn;
        long lastOut;
        long lastErrors;
        long lastDeadLetters;

        Seen(MetricRegistry registry, String id) {
            Tag tag = new Tag("connector", id);
            in = registry.counter(IN, tag);
            out = registry.counter(OUT, tag);
            errors = registry.counter(ERRORS, tag);
            deadLetters = registry.counter(DEAD_LETTERS, tag);
            registry.gauge(RUNNING, this, s -> s.running, tag);
            registry.gauge(LAG, this, s -> s.lag, tag);
        }
    }

    public ConnectorMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Brings the counters to the connectors' counts; a count lower than last time (redeployed) counts from 0 again. */
    public synchronized void update(List<ConnectorStatus> connectors) {
        Map<String, Seen> gone = new HashMap<>(seen);
        for (ConnectorStatus c : connectors) {
            gone.remove(c.id());
            Seen s = seen.computeIfAbsent(c.id(), id -> new Seen(registry, id));
            s.lastIn = advance(s.in, s.lastIn, c.in());
            s.lastOut = advance(s.out, s.lastOut, c.out());
            s.lastErrors = advance(s.errors, s.lastErrors, c.errors());
            s.lastDeadLetters = advance(s.deadLetters, s.lastDeadLetters, c.deadLetters());
            s.running = c.state() == ConnectorStatus.State.RUNNING ? 1 : 0;
            s.lag = c.lag();
        }
        for (Seen s : gone.values()) {
            s.running = 0;
            s.lag = -1;
            s.lastIn = 0;
            s.lastOut = 0;
            s.lastErrors = 0;
            s.lastDeadLetters = 0;
        }
    }

    static long advance(Counter counter, long last, long now) {
        long delta = now >= last ? now - last : now;
        if (delta > 0) {
            counter.inc(delta);
        }
        return now;
    }
}
