// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.metrics.BindingMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Input bindings' deliveries in MicroProfile Metrics ({@link BindingMetrics}: {@code capa_binding_deliveries_total}). */
@ApplicationScoped
public class DeliveryMetrics {
    @Inject
    Instance<MetricRegistry> registry;

    private BindingMetrics metrics; // null without a registry (metrics off)

    @PostConstruct
    void start() {
        metrics = registry.isResolvable() ? new BindingMetrics(registry.get()) : null;
    }

    void delivered(String binding, boolean failed) {
        if (metrics != null) {
            metrics.delivered(binding, failed);
        }
    }
}
