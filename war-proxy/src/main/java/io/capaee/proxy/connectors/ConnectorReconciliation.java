// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectRuntime;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.desired.DesiredStates;
import io.capaee.api.desired.Reconciler;
import io.capaee.api.kv.KeyValueConnectionFactory;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;

/**
 * Brings back the connectors the API deployed: when the application starts, before it answers,
 * every stored connector is deployed as stored; then every {@code capa.desired-state.interval}
 * (on the container's scheduled executor) the store is read again, so that servers sharing it
 * (Redis) follow each other's deploys, stops and deletes. The store is chosen by
 * {@link DesiredStates#fromConfig}; a bad setting stops the application, naming the key.
 */
@ApplicationScoped
public class ConnectorReconciliation {
    private static final Logger LOG = Logger.getLogger(ConnectorReconciliation.class.getName());

    @Inject
    ConnectorManagerLookup lookup;

    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private volatile DesiredConnectors connectors;
    private ScheduledFuture<?> periodic;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ConnectorManager manager;
        try {
            manager = lookup.manager();
        } catch (NamingException | ClassCastException e) {
            return; // the lookup logs that connectors are off
        }
        DesiredState state = DesiredStates.fromConfig(keyValue);
        Duration interval = DesiredStates.interval();
        DesiredConnectors desired = new DesiredConnectors(manager, state, new ConnectorParser(ConnectRuntime.load()),
                Clock.systemUTC());
        connectors = desired; // a request meanwhile waits for the reconcile (the reconciler's lock)
        try {
            Reconciler.Outcome outcome = desired.reconcile();
            LOG.log(Level.INFO, "connectors: {0} deployed from the desired state ({1}), {2} failed",
                    new Object[] {outcome.applied(), desired.where(), outcome.failed()});
        } catch (DesiredStateException e) {
            // logged; tried again every interval
        }
        periodic = scheduler.scheduleWithFixedDelay(this::reconcile, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        DesiredConnectors desired = connectors;
        try {
            Reconciler.Outcome outcome = desired.reconcile();
            if (outcome.applied() + outcome.removed() > 0) {
                LOG.log(Level.INFO, "connectors: {0} deployed or changed, {1} removed from the desired state ({2})",
                        new Object[] {outcome.applied(), outcome.removed(), desired.where()});
            }
        } catch (DesiredStateException e) {
            // logged when it changes; tried again at the next interval
        } catch (RuntimeException e) {
            // an exception would end the periodic task: the next interval tries again
            LOG.log(Level.SEVERE, "connectors: reconciling with the desired state failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    /** The durable connectors API; empty while the adapter's connector manager is missing. */
    Optional<DesiredConnectors> connectors() {
        return Optional.ofNullable(connectors);
    }
}
