// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.traffic.KeyValueTrafficRules;
import io.capaee.api.traffic.Router;
import io.capaee.api.traffic.TrafficMetrics;
import io.capaee.api.traffic.TrafficStats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The gateway's traffic: rules at {@code capa.traffic.rules-key} of the key/value store (beside the
 * routes), a router over them recording into the JSON view's figures and MicroProfile Metrics.
 */
@ApplicationScoped
public class TrafficProducer {
    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Inject
    MetricRegistry metrics;

    /** {@code @Singleton}, as the route table: one instance, injected without a client proxy on the request path. */
    @Produces
    @Singleton
    Traffic traffic() {
        KeyValueTrafficRules rules = KeyValueTrafficRules.fromConfig(keyValue);
        TrafficStats stats = new TrafficStats(System::nanoTime);
        return new Traffic(rules, Router.standard(rules, TrafficMetrics.both(stats, new TrafficMetrics(metrics, rules))), stats);
    }
}
