// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.actors.runtime.Placement;
import io.capaee.actors.runtime.Scheduler;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobScheduler;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.jobs.JobView;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Durable jobs, the way the actors' reminders are durable: stored in the {@link JobStore}, armed on the
 * {@link Scheduler} while the server runs (re-armed by {@link #start()}, so that a job due while the
 * server was down fires once at start), and advanced in the store only after its firing was delivered.
 * A firing whose delivery fails is tried again {@code retryInterval} later, up to {@code attempts}
 * deliveries, then given up (the job goes on with its next due time); one that the store could not
 * read or advance is tried again as well, so a store outage delays firings and loses none.
 * Deliveries run on {@code executor}, never on the scheduler's thread.
 */
public final class Jobs implements JobScheduler {
    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

    private final JobSettings settings;
    private final JobStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final JobDelivery delivery;
    private final Executor executor;
    private final Placement placement;
    private final Traces traces;
    private final Map<String, Scheduler.Scheduled> armed = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public Jobs(JobSettings settings, JobStore store, Scheduler scheduler, Clock clock, JobDelivery delivery, Executor executor) {
        this(settings, store, scheduler, clock, delivery, executor, Placement.single(), Traces.off());
    }

    /**
     * @param placement which server fires which job: a job belongs to the partition of its name, and only the
     *     server that owns it arms it ({@link #rescan()} follows the partitions as they move)
     * @param traces the spans of the firings ({@link JobTraces})
     */
    public Jobs(JobSettings settings, JobStore store, Scheduler scheduler, Clock clock, JobDelivery delivery, Executor executor,
                Placement placement, Traces traces) {
        this.placement = placement;
        this.traces = traces;
        this.settings = settings;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.delivery = delivery;
        this.executor = executor;
    }

    /** Arms every stored job this server owns; one whose due time passed while the server was down fires at once. */
    public void start() {
        store.all().values().stream().filter(j -> owns(j.spec().name())).forEach(this::arm);
    }

    /**
     * Follows the partitions (several servers): arms the stored jobs this server owns that are not armed yet
     * (gained partitions, jobs scheduled through another server), and disarms those whose partition left.
     */
    public void rescan() {
        if (stopped) {
            return;
        }
        Map<String, StoredJob> all = store.all();
        all.values().stream().filter(j -> owns(j.spec().name()) && !armed.containsKey(j.spec().name())).forEach(this::arm);
        armed.entrySet().removeIf(e -> {
            if (placement.holds(placement.partition(e.getKey())) && all.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().cancel();
            return true;
        });
    }

    private boolean owns(String name) {
        return placement.owns(placement.partition(name));
    }

    /** Disarms every job (they stay stored); none fires after this. */
    public void stop() {
        stopped = true;
        armed.values().forEach(Scheduler.Scheduled::cancel);
        armed.clear();
    }

    @Override
    public void schedule(JobSpec job, boolean overwrite) {
        Instant now = clock.instant();
        Instant first = JobTimes.first(job, now);
        StoredJob stored = new StoredJob(job, first, 0, JobTimes.expiry(job, first, now), JobTraces.scheduledBy(traces));
        delivery.check(job);
        store.update(jobs -> {
            if (jobs.containsKey(job.name()) && !overwrite) {
                throw new JobException(JobException.Reason.EXISTS, "job '" + job.name() + "' exists; schedule it with overwrite to replace it");
            }
            if (!jobs.containsKey(job.name()) && jobs.size() >= settings.maxJobs()) {
                throw new JobException(JobException.Reason.EXISTS, "there are " + jobs.size() + " jobs already, the most capa.jobs.max-jobs allows");
            }
            return jobs.put(job.name(), stored);
        });
        if (owns(job.name())) {
            arm(stored); // else the server that owns it arms it at its next rescan
        }
    }

    @Override
    public Optional<JobView> get(String name) {
        return Optional.ofNullable(store.all().get(name)).map(StoredJob::view);
    }

    @Override
    public List<JobView> list() {
        return store.all().values().stream().map(StoredJob::view).toList();
    }

    @Override
    public boolean delete(String name) {
        boolean existed = store.update(jobs -> jobs.remove(name) != null);
        Scheduler.Scheduled task = armed.remove(name);
        if (task != null) {
            task.cancel();
        }
        return existed;
    }

    private void arm(StoredJob job) {
        Instant now = clock.instant();
        armAt(job.spec().name(), job.next().isBefore(now) ? now : job.next(), job.next(), 1);
    }

    private void armAt(String name, Instant at, Instant due, int attempt) {
        Scheduler.Scheduled previous = armed.put(name, scheduler.schedule(at, () -> fire(name, due, attempt)));
        if (previous != null) {
            previous.cancel();
        }
    }

    private void fire(String name, Instant due, int attempt) {
        if (stopped) {
            return;
        }
        if (!owns(name)) {
            if (placement.holds(placement.partition(name))) {
                retry(name, due, attempt); // its lease is being renewed late
            } else {
                armed.remove(name); // its partition left: the new owner arms it
            }
            return;
        }
        StoredJob job;
        try {
            job = store.all().get(name);
        } catch (JobException e) {
            LOG.warning("job '" + name + "' is due but the jobs could not be read; retrying: " + e.getMessage());
            retry(name, due, attempt);
            return;
        }
        if (job == null || !job.next().equals(due)) {
            return; // deleted or replaced since it was armed
        }
        if (JobTimes.expired(job, clock.instant())) {
            LOG.info("job '" + name + "' due " + due + " ended with its ttl before it fired; removing it");
            advance(job, due);
            return;
        }
        executor.execute(() -> deliver(job, due, attempt));
    }

    private void deliver(StoredJob job, Instant due, int attempt) {
        String name = job.spec().name();
        try (TraceSpan span = JobTraces.fire(traces, job, due, attempt)) {
            try {
                delivery.deliver(job.spec());
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        } catch (RuntimeException e) {
            if (attempt < settings.attempts()) {
                LOG.warning("job '" + name + "' due " + due + ", delivery " + attempt + " of " + settings.attempts() + " failed; retrying: "
                        + e.getMessage());
                retry(name, due, attempt + 1);
                return;
            }
            LOG.warning("job '" + name + "' due " + due + " was not delivered after " + attempt + " attempts; giving this firing up: "
                    + e.getMessage());
        }
        advance(job, due);
    }

    /** Records the firing due at {@code due} and arms the next one, or removes the job when it is finished. */
    private void advance(StoredJob fired, Instant due) {
        String name = fired.spec().name();
        Instant now = clock.instant();
        StoredJob next;
        try {
            next = store.update(jobs -> {
                StoredJob current = jobs.get(name);
                if (current == null || !current.next().equals(due)) {
                    return null; // deleted or replaced meanwhile
                }
                StoredJob counted = current.counted();
                Instant at = JobTimes.expired(current, now) ? null : JobTimes.next(counted, due, now);
                if (at == null) {
                    jobs.remove(name);
                    return null;
                }
                jobs.put(name, counted.dueAt(at));
                return jobs.get(name);
            });
        } catch (JobException e) {
            // the store still says this firing is due: firing it again later is at-least-once
            LOG.warning("job '" + name + "' fired but could not be advanced; retrying: " + e.getMessage());
            retry(name, due, 1);
            return;
        }
        if (next != null) {
            arm(next);
        } else {
            armed.remove(name);
        }
    }

    private void retry(String name, Instant due, int attempt) {
        if (!stopped) {
            armAt(name, clock.instant().plus(settings.retryInterval()), due, attempt);
        }
    }
}
