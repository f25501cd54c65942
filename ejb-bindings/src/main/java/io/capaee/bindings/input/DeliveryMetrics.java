// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.metrics.BindingMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Input bindings' deliveries in MicroProfile Metrics ({@link BindingMetrics}: {@code capa_binding_deliveries_total})
 * and in the MBean {@code io.capaee:type=InputBindings} ({@link InputBindingsMXBean}), registered while the module runs.
 */
@ApplicationScoped
public class DeliveryMetrics {
    @Inject
    Instance<MetricRegistry> registry;

    private BindingMetrics metrics; // null without a registry (metrics off)

    private final ManagedBeans mbeans = new ManagedBeans();

    @PostConstruct
    void start() {
        metrics = registry.isResolvable() ? new BindingMetrics(registry.get()) : null;
        mbeans.register(ManagedBeans.name("InputBindings"), new InputBindingsMXBean() {
            @Override
            public Map<String, Long> getDeliveries() {
                return metrics == null ? Map.of() : metrics.deliveries();
            }

            @Override
            public Map<String, Long> getErrors() {
                return metrics == null ? Map.of() : metrics.deliveryErrors();
            }
        });
    }

    /** Starts this bean with the application, so that the MBean is there before the first message. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's @PostConstruct did the work
    }

    @PreDestroy
    void stop() {
        mbeans.close();
    }

    void delivered(String binding, boolean failed) {
        if (metrics != null) {
            metrics.delivered(binding, failed);
        }
    }
}
