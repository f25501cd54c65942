// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.service;

import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.metrics.RegistryMetrics;
import io.capaee.api.registry.ModuleRecord;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The registry's transfer metrics ({@link RegistryMetrics}), one instance for the WAR, and the
 * registry's MBean {@code io.capaee:type=Registry} ({@link RegistryMXBean}), registered while the WAR runs.
 */
@ApplicationScoped
public class RegistryMetricsProducer {
    @Inject
    MetricRegistry registry;

    @Inject
    RegistryService service;

    private final ManagedBeans mbeans = new ManagedBeans();

    @Produces
    @Singleton
    RegistryMetrics metrics() {
        RegistryMetrics metrics = new RegistryMetrics(registry);
        mbeans.register(ManagedBeans.name("Registry"), new RegistryMXBean() {
            @Override
            public int getModules() {
                return service.store().list(Optional.empty(), Optional.empty()).size();
            }

            @Override
            public long getStoredBytes() {
                return service.store().list(Optional.empty(), Optional.empty()).stream().mapToLong(ModuleRecord::size).sum();
            }

            @Override
            public long getUploads() {
                return metrics.uploads();
            }

            @Override
            public long getDownloads() {
                return metrics.downloads();
            }

            @Override
            public long getUploadedBytes() {
                return metrics.uploadedBytes();
            }

            @Override
            public long getDownloadedBytes() {
                return metrics.downloadedBytes();
            }
        });
        return metrics;
    }

    /** Makes the metrics, and so the MBean, at start rather than at the first transfer. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored, RegistryMetrics metrics) {
        metrics.uploads();
    }

    @PreDestroy
    void stop() {
        mbeans.close();
    }
}
