// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.metrics.ActorMetrics;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Counters of one actor type, exposed as a JMX MXBean by the EJB. */
public final class TypeStats implements ActorTypeStatsMXBean {
    private final String type;
    final LongAdder activations = new LongAdder();
    final LongAdder deactivations = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder callNanos = new LongAdder();
    final LongAdder remindersFired = new LongAdder();
    /** The type's MicroProfile metrics, once the EJB has a registry: null until then. */
    private volatile ActorMetrics.Recorder metrics;
    private final IntSupplier active;
    private final IntSupplier queued;
    private final IntSupplier reminders;

    /**
     * @param active how many of its actors are active now
     * @param queued how many calls wait for their turn now
     * @param reminders how many of its reminders are armed here now
     */
    TypeStats(String type, IntSupplier active, IntSupplier queued, IntSupplier reminders) {
        this.type = type;
        this.active = active;
        this.queued = queued;
        this.reminders = reminders;
    }

    /** Sends this type's calls and reminders to {@code recorder} too, from now on. */
    public void metrics(ActorMetrics.Recorder recorder) {
        metrics = recorder;
    }

    /** A call's end: its time from arrival, and whether it failed. */
    void ended(long nanos, boolean failed) {
        callNanos.add(nanos);
        if (failed) {
            errors.increment();
        }
        ActorMetrics.Recorder m = metrics;
        if (m != null) {
            m.call(nanos, failed);
        }
    }

    void reminderFired() {
        remindersFired.increment();
        ActorMetrics.Recorder m = metrics;
        if (m != null) {
            m.reminderFired();
        }
    }

    @Override
    public long getRemindersFired() {
        return remindersFired.sum();
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public int getActive() {
        return active.getAsInt();
    }

    @Override
    public int getQueued() {
        return queued.getAsInt();
    }

    @Override
    public int getReminders() {
        return reminders.getAsInt();
    }

    @Override
    public long getActivations() {
        return activations.sum();
    }

    @Override
    public long getDeactivations() {
        return deactivations.sum();
    }

    @Override
    public long getCalls() {
        return calls.sum();
    }

    @Override
    public long getErrors() {
        return errors.sum();
    }

    @Override
    public long getCallMillisTotal() {
        return callNanos.sum() / 1_000_000;
    }

    @Override
    public double getCallMillisMean() {
        long n = calls.sum();
        return n == 0 ? 0 : callNanos.sum() / 1e6 / n;
    }
}
