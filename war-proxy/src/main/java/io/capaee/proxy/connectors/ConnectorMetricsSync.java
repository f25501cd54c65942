// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.metrics.ConnectorMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Brings the connectors' counts into MicroProfile Metrics ({@link ConnectorMetrics}) every
 * {@value #EVERY_SECONDS} seconds: the connectors count in the resource adapter, which has no metric
 * registry, and a snapshot of them all costs less than a counter update per message would.
 */
@ApplicationScoped
public class ConnectorMetricsSync {
    static final int EVERY_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ConnectorMetricsSync.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    ConnectorManagerLookup connectors;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ConnectorMetrics metrics = new ConnectorMetrics(registry);
        task = scheduler.scheduleWithFixedDelay(() -> sync(metrics), EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void sync(ConnectorMetrics metrics) {
        try {
            metrics.update(connectors.manager().list());
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "connector metrics not updated: {0}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
