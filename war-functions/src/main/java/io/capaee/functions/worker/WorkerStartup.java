// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.desired.DesiredStates;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys the worker's desired state when the application starts, before it serves a request,
 * then applies what changed in it every {@code capa.desired-state.interval} on Liberty's managed
 * scheduler, and beats ({@link WorkerHeartbeat}) at the same pace on a schedule of its own. Observes after the functions directory (a later priority), so that the route clean-up
 * sees the directory's functions as running.
 */
@ApplicationScoped
public class WorkerStartup {
    private static final Logger LOG = Logger.getLogger(WorkerStartup.class.getName());

    @Inject
    WorkerService worker;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodic;
    private ScheduledFuture<?> heartbeat;

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) @Initialized(ApplicationScoped.class) Object event) {
        long start = System.nanoTime();
        try {
            WorkerDesiredState.Outcome outcome = worker.reconcileAtStart(scheduler);
            LOG.log(Level.INFO, "worker: {0} deployment(s) and default(s) applied from the desired state ({1}) in {2} ms; {3} failed",
                    new Object[] {outcome.applied(), worker.desiredStateWhere(), (System.nanoTime() - start) / 1_000_000, outcome.failed()});
        } catch (RuntimeException e) {
            // e.g. the route store unreachable: the application still starts, and the schedule tries again
            LOG.log(Level.SEVERE, "worker: applying the desired state at start failed: " + e, e);
        }
        beat();
        Duration interval = DesiredStates.interval();
        periodic = scheduler.scheduleWithFixedDelay(this::reconcile, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        // a schedule of its own: a long reconcile (a large module deployed) must not hold the beat back past its
        // lapse, or the other servers would drop this worker's routes while it serves them
        heartbeat = scheduler.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            worker.beat();
        } catch (RuntimeException e) {
            // e.g. the key/value store unreachable: the next interval beats again
            LOG.log(Level.WARNING, "worker: heartbeat failed: " + e, e);
        }
    }

    private void reconcile() {
        try {
            WorkerDesiredState.Outcome outcome = worker.reconcile();
            if (outcome.applied() + outcome.removed() > 0) {
                LOG.log(Level.INFO, "worker: applied {0} and removed {1} change(s) of the desired state", new Object[] {outcome.applied(), outcome.removed()});
            }
        } catch (RuntimeException e) {
            // a failed pass must not end the schedule: the next one tries again
            LOG.log(Level.WARNING, "worker: reconciling the desired state failed: " + e, e);
        }
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }
}
