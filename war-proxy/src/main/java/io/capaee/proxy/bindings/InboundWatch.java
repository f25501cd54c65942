// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.inbound.InboundEndpointsMXBean;
import io.capaee.api.metrics.InboundMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Every {@value #EVERY_SECONDS} seconds, brings the input bindings' dead letters and lag, which the resource
 * adapter counts and reads, into MicroProfile Metrics ({@link InboundMetrics}), as the connectors' counts are
 * brought ({@code ConnectorWatch}). The adapter has no metric registry; one snapshot over JMX costs less than a
 * counter update per message would.
 */
@ApplicationScoped
public class InboundWatch {
    static final int EVERY_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(InboundWatch.class.getName());

    @Inject
    MetricRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        InboundMetrics metrics = new InboundMetrics(registry);
        task = scheduler.scheduleWithFixedDelay(() -> sync(metrics), 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private static void sync(InboundMetrics metrics) {
        try {
            Optional<InboundEndpointsMXBean> adapter = AdapterEndpoints.find();
            if (adapter.isPresent()) {
                metrics.update(adapter.get().getDeadLetters(), adapter.get().getLag());
            } else {
                metrics.update(Map.of(), Map.of());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "input binding metrics not updated: {0}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
