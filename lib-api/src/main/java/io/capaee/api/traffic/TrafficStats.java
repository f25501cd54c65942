// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * In-memory traffic figures per rule and upstream (requests, errors, rate, latency percentiles)
 * and per rule (mirrored, unavailable), for the JSON view. Figures are this server's (or this
 * application's, for outbound calls), since it started.
 */
public final class TrafficStats implements TrafficListener {
    /** The figures of one upstream of one rule. */
    public static final class Figures {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
        final RateWindow rate;

        Figures(LongSupplier nanoTime) {
            rate = new RateWindow(nanoTime);
        }

        public long requests() {
            return requests.sum();
        }

        public long errors() {
            return errors.sum();
        }

        public double perSecond() {
            return rate.perSecond();
        }

        /** In nanoseconds, see {@link LatencyHistogram#quantile}. */
        public long latency(double quantile) {
            return latency.quantile(quantile);
        }
    }

    private final LongSupplier nanoTime;
    private final Map<String, Figures> figures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mirrored = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unavailable = new ConcurrentHashMap<>();

    public TrafficStats(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public void attempted(Outcome o) {
        Figures f = figures(o.rule(), o.upstream());
        f.requests.increment();
        if (o.failed()) {
            f.errors.increment();
        }
        f.latency.record(o.nanos());
        f.rate.record();
    }

    @Override
    public void unavailable(String rule) {
        unavailable.computeIfAbsent(rule, r -> new LongAdder()).increment();
    }

    @Override
    public void mirrored(String rule) {
        mirrored.computeIfAbsent(rule, r -> new LongAdder()).increment();
    }

    public Figures figures(String rule, String upstream) {
        return figures.computeIfAbsent(rule + '\n' + upstream, k -> new Figures(nanoTime));
    }

    public long mirroredCount(String rule) {
        LongAdder a = mirrored.get(rule);
        return a == null ? 0 : a.sum();
    }

    public long unavailableCount(String rule) {
        LongAdder a = unavailable.get(rule);
        return a == null ? 0 : a.sum();
    }
}
