// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The JSON view of traffic: per rule and upstream, the weight and share in force, the breaker's
 * state, requests, errors, error rate, request rate over the last minute and latency percentiles
 * (milliseconds, to within a quarter: {@link LatencyHistogram}).
 */
public final class TrafficView {
    private static final JsonProvider JSON = Jsonp.provider();

    private TrafficView() {}

    public static String json(Router router, TrafficStats stats) {
        JsonArrayBuilder routes = JSON.createArrayBuilder();
        for (TrafficRule rule : router.rules().rules()) {
            JsonArrayBuilder ups = JSON.createArrayBuilder();
            int total = rule.totalWeight();
            for (Upstream u : rule.upstreams()) {
                TrafficStats.Figures f = stats.figures(rule.name(), u.name());
                long requests = f.requests();
                long errors = f.errors();
                ups.add(JSON.createObjectBuilder().add("name", u.name()).add("url", u.url()).add("weight", u.weight())
                        .add("share", round(u.weight() / (double) total)).add("breaker", router.state(rule, u).name())
                        .add("requests", requests).add("errors", errors)
                        .add("errorRate", requests == 0 ? 0 : round(errors / (double) requests))
                        .add("requestsPerSecond", round(f.perSecond()))
                        .add("latencyMs", JSON.createObjectBuilder().add("p50", millis(f.latency(0.5))).add("p90", millis(f.latency(0.9)))
                                .add("p99", millis(f.latency(0.99)))));
            }
            JsonObjectBuilder r = JSON.createObjectBuilder().add("rule", rule.name()).add("upstreams", ups)
                    .add("mirrored", stats.mirroredCount(rule.name())).add("unavailable", stats.unavailableCount(rule.name()));
            routes.add(r);
        }
        return JSON.createObjectBuilder().add("routes", routes).build().toString();
    }

    private static double millis(long nanos) {
        return nanos == Long.MAX_VALUE ? -1 : round(nanos / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
