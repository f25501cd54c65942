// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metrics;

import io.capaee.api.metrics.BindingMetrics;
import io.capaee.api.metrics.PubSubMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** One instance of each capability's metrics for the whole WAR (they keep their metrics, so one each). */
@ApplicationScoped
public class MetricsProducer {
    @Inject
    MetricRegistry registry;

    @Produces
    @Singleton
    BindingMetrics bindings() {
        return new BindingMetrics(registry);
    }

    @Produces
    @Singleton
    PubSubMetrics pubsub() {
        return new PubSubMetrics(registry);
    }
}
