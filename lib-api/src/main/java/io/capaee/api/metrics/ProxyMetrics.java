// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The reverse proxy's routes ({@code /functions/<function>/<revision>}), tagged {@code function} and
 * {@code revision}: {@code capa_proxy_requests_total}, {@code capa_proxy_errors_total} (answered 5xx:
 * upstream unreachable, timed out or failing) and the timer {@code capa_proxy_duration_seconds}; the
 * gauge {@code capa_proxy_upstreams_unhealthy}, the upstream URLs the proxy skips now after a failed
 * connection or a time-out.
 */
public final class ProxyMetrics {
    private static final Metadata REQUESTS = Metadata.builder().withName("capa.proxy.requests")
            .withDescription("Requests the reverse proxy forwarded on a route").build();
    private static final Metadata ERRORS = Metadata.builder().withName("capa.proxy.errors")
            .withDescription("Requests on a route answered with a 5xx").build();
    private static final Metadata DURATION = Metadata.builder().withName("capa.proxy.duration")
            .withDescription("Time until the proxy's answer was complete").withUnit(MetricUnits.NANOSECONDS).build();
    private static final Metadata UNHEALTHY = Metadata.builder().withName("capa.proxy.upstreams.unhealthy")
            .withDescription("Upstream URLs marked unhealthy now (skipped while others answer)").build();

    private final Recorders<Route> routes;
    /** Held here: a registry may keep only a weak reference to a gauge's source. */
    private final Supplier<Integer> unhealthy;

    private record Route(Counter requests, Counter errors, Timer duration) {}

    /** @param unhealthy how many upstream URLs are marked unhealthy now */
    public ProxyMetrics(MetricRegistry registry, Supplier<Integer> unhealthy) {
        this.unhealthy = unhealthy;
        registry.gauge(UNHEALTHY, this.unhealthy);
        routes = new Recorders<>(key -> {
            Tag[] tags = {new Tag("function", Recorders.first(key)), new Tag("revision", Recorders.second(key))};
            return new Route(registry.counter(REQUESTS, tags), registry.counter(ERRORS, tags), registry.timer(DURATION, tags));
        });
    }

    public void forwarded(String function, String revision, int status, long nanos) {
        Route r = routes.of(Recorders.key(function, revision));
        r.requests().inc();
        if (status >= 500) {
            r.errors().inc();
        }
        r.duration().update(Duration.ofNanos(nanos));
    }
}
