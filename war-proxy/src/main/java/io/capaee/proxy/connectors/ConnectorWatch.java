// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.metrics.ConnectorMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;
import javax.naming.NamingException;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Every {@value #EVERY_SECONDS} seconds, brings the connectors' counts into MicroProfile Metrics
 * ({@link ConnectorMetrics}) and their MBeans ({@link ConnectorMXBean}) in line with what is deployed.
 * The connectors count in the resource adapter, which has no metric registry; a snapshot of them all
 * costs less than a counter update per message would.
 */
@ApplicationScoped
public class ConnectorWatch {
    static final int EVERY_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ConnectorWatch.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    ConnectorManagerLookup connectors;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ManagedBeans mbeans = new ManagedBeans();
    private ScheduledFuture<?> task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ConnectorMetrics metrics = new ConnectorMetrics(registry);
        task = scheduler.scheduleWithFixedDelay(() -> sync(metrics), 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void sync(ConnectorMetrics metrics) {
        try {
            ConnectorManager manager = connectors.manager();
            List<ConnectorStatus> all = manager.list();
            // MBeans first: a connector's metrics never show before its MBean does
            Set<ObjectName> gone = new HashSet<>(mbeans.names());
            for (ConnectorStatus c : all) {
                ObjectName name = ManagedBeans.name("Connectors", c.id());
                if (!gone.remove(name)) {
                    mbeans.register(name, new ConnectorView(manager, c.id()));
                }
            }
            gone.forEach(mbeans::unregister);
            metrics.update(all);
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "connector metrics and MBeans not updated: {0}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        mbeans.close();
    }
}
