// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metrics;

import io.capaee.proxy.component.ComponentInfo;
import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.metrics.BindingMetrics;
import io.capaee.api.metrics.PubSubMetrics;
import io.capaee.proxy.bindings.BindingsReadiness;
import io.capaee.proxy.pubsub.Subscriptions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * One MBean per output binding ({@code io.capaee:type=OutputBinding,name="<binding>"}) and per pub/sub
 * component ({@code io.capaee:type=PubSub,name="<component>"}), kept in line with what is configured every
 * {@value #EVERY_SECONDS} seconds: a name that appears gets its MBean, one that goes away loses it. The
 * subscriptions' lag gauges ({@link PubSubMetrics#lag}) are brought up to date on the same beat.
 */
@ApplicationScoped
public class NamedBeans {
    static final int EVERY_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(NamedBeans.class.getName());

    @Inject
    BindingMetrics bindings;

    @Inject
    PubSubMetrics pubsub;

    @Inject
    Subscriptions subscriptions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ManagedBeans mbeans = new ManagedBeans();
    private ScheduledFuture<?> task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::sync, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void sync() {
        try {
            Set<ObjectName> gone = new HashSet<>(mbeans.names());
            for (String binding : BindingsReadiness.names()) {
                ObjectName name = ManagedBeans.name(OutputBindingView.TYPE, binding);
                if (!gone.remove(name)) {
                    mbeans.register(name, new OutputBindingView(bindings, binding));
                }
            }
            for (ComponentInfo component : subscriptions.components()) {
                ObjectName name = ManagedBeans.name(PubSubView.TYPE, component.name());
                if (!gone.remove(name)) {
                    mbeans.register(name, new PubSubView(pubsub, subscriptions, component.name(), component.type()));
                }
            }
            gone.forEach(mbeans::unregister);
            pubsub.lag(subscriptions.lag());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "output binding and pub/sub MBeans or pub/sub lag not updated: {0}", e.toString());
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
