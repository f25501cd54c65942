// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metrics;

import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.metrics.BindingMetrics;
import io.capaee.api.metrics.PubSubMetrics;
import io.capaee.api.routes.RouteTable;
import io.capaee.proxy.pubsub.Subscriptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Registers the gateway's MBeans ({@link GatewayMXBeans}) while the WAR runs; connectors have theirs elsewhere. */
@ApplicationScoped
public class GatewayBeans {
    @Inject
    BindingMetrics bindings;

    @Inject
    PubSubMetrics pubsub;

    @Inject
    Subscriptions subscriptions;

    @Inject
    RouteTable routes;

    private final ManagedBeans mbeans = new ManagedBeans();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        mbeans.register(ManagedBeans.name("OutputBindings"), new GatewayMXBeans.OutputBindingsMXBean() {
            @Override
            public Map<String, Long> getInvocations() {
                return bindings.invocations();
            }

            @Override
            public Map<String, Long> getErrors() {
                return bindings.invocationErrors();
            }
        });
        mbeans.register(ManagedBeans.name("PubSub"), new GatewayMXBeans.PubSubMXBean() {
            @Override
            public List<String> getSubscriptions() {
                return subscriptions.subscriptions().stream().map(s -> s.pubsubname() + "/" + s.topic() + " -> " + s.path()).sorted().toList();
            }

            @Override
            public Map<String, Long> getPublished() {
                return pubsub.publishedCounts();
            }

            @Override
            public Map<String, Long> getDelivered() {
                return pubsub.deliveredCounts();
            }

            @Override
            public Map<String, Long> getDeliveryFailures() {
                return pubsub.failureCounts();
            }

            @Override
            public Map<String, Long> getDeadLetters() {
                return pubsub.deadLetterCounts();
            }

            @Override
            public Map<String, Long> getLag() {
                return subscriptions.lag();
            }
        });
        mbeans.register(ManagedBeans.name("Routes"), new GatewayMXBeans.RoutesMXBean() {
            @Override
            public Map<String, List<String>> getRoutes() {
                Map<String, List<String>> all = new TreeMap<>();
                routes.snapshot().forEach((function, revisions) -> revisions.forEach((revision, urls) -> all.put(function + "/" + revision, List.copyOf(urls))));
                return all;
            }

            @Override
            public int getRouteCount() {
                return routes.snapshot().values().stream().mapToInt(Map::size).sum();
            }
        });
    }

    @PreDestroy
    void stop() {
        mbeans.close();
    }
}
