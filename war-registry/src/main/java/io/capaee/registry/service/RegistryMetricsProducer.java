// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.service;

import io.capaee.api.metrics.RegistryMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The registry's transfer metrics ({@link RegistryMetrics}), one instance for the WAR. */
@ApplicationScoped
public class RegistryMetricsProducer {
    @Inject
    MetricRegistry registry;

    @Produces
    @Singleton
    RegistryMetrics metrics() {
        return new RegistryMetrics(registry);
    }
}
