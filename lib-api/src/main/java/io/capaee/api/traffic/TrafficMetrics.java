// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Traffic in MicroProfile Metrics' application scope, tagged with rule and upstream, as the
 * function metrics are: {@code capa_traffic_requests_total}, {@code capa_traffic_errors_total}
 * (no answer or 5xx), the {@code capa_traffic_duration_seconds} timer (with its percentiles), the gauge
 * {@code capa_traffic_weight} (the weight in force, from the upstream's first request on), and
 * {@code capa_traffic_mirrored_total} / {@code capa_traffic_unavailable_total} per rule.
 */
public final class TrafficMetrics implements TrafficListener {
    private static final Metadata REQUESTS = Metadata.builder().withName("capa.traffic.requests")
            .withDescription("Attempts sent to an upstream of a traffic rule").build();
    private static final Metadata ERRORS = Metadata.builder().withName("capa.traffic.errors")
            .withDescription("Attempts on an upstream of a traffic rule that got no answer or a 5xx").build();
    private static final Metadata DURATION = Metadata.builder().withName("capa.traffic.duration")
            .withDescription("Time until an upstream of a traffic rule answered").withUnit(MetricUnits.NANOSECONDS).build();
    private static final Metadata MIRRORED = Metadata.builder().withName("capa.traffic.mirrored")
            .withDescription("Requests of a traffic rule copied to its mirror").build();
    private static final Metadata WEIGHT = Metadata.builder().withName("capa.traffic.weight")
            .withDescription("The weight in force of an upstream of a traffic rule (0 when the rule or upstream is gone)").build();
    private static final Metadata UNAVAILABLE = Metadata.builder().withName("capa.traffic.unavailable")
            .withDescription("Requests of a traffic rule refused because every breaker was open").build();

    private final MetricRegistry registry;
    private final Supplier<TrafficRules> rules;
    /** The metrics of each rule and upstream, looked up once: a registry lookup per request cost more than the rest of the record. */
    private final ConcurrentHashMap<String, Recorder> recorders = new ConcurrentHashMap<>();

    private record Recorder(Counter requests, Counter errors, Timer duration) {}

    /** @param rules the rules in force, for the weight gauges */
    public TrafficMetrics(MetricRegistry registry, Supplier<TrafficRules> rules) {
        this.registry = registry;
        this.rules = rules;
    }

    @Override
    public void attempted(Outcome o) {
        Recorder r = recorders.get(o.rule() + '\n' + o.upstream());
        if (r == null) {
            if (recorders.size() > 10_000) {
                recorders.clear(); // rules renamed very often: the registry keeps the metrics, this only the shortcuts
            }
            Tag[] tags = {new Tag("rule", o.rule()), new Tag("upstream", o.upstream())};
            r = recorders.computeIfAbsent(o.rule() + '\n' + o.upstream(), k -> {
                String rule = o.rule();
                String upstream = o.upstream();
                registry.gauge(WEIGHT, rules, current -> current.get().rule(rule).flatMap(x -> x.upstream(upstream))
                        .map(Upstream::weight).orElse(0), tags);
                return new Recorder(registry.counter(REQUESTS, tags), registry.counter(ERRORS, tags), registry.timer(DURATION, tags));
            });
        }
        r.requests().inc();
        if (o.failed()) {
            r.errors().inc();
        }
        r.duration().update(Duration.ofNanos(o.nanos()));
    }

    @Override
    public void mirrored(String rule) {
        registry.counter(MIRRORED, new Tag("rule", rule)).inc();
    }

    @Override
    public void unavailable(String rule) {
        registry.counter(UNAVAILABLE, new Tag("rule", rule)).inc();
    }

    /** Both listeners, in order. */
    public static TrafficListener both(TrafficListener a, TrafficListener b) {
        return new TrafficListener() {
            @Override
            public void attempted(Outcome o) {
                a.attempted(o);
                b.attempted(o);
            }

            @Override
            public void unavailable(String rule) {
                a.unavailable(rule);
                b.unavailable(rule);
            }

            @Override
            public void mirrored(String rule) {
                a.mirrored(rule);
                b.mirrored(rule);
            }
        };
    }
}
