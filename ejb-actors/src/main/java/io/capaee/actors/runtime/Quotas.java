// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime-wide counts that {@link ActorLimits} bound: active actors, in-memory timers, bytes of
 * queued calls. A refusal is an {@link ActorException} with {@link Reason#QUOTA} (the gateway's 429)
 * naming the setting, thrown before anything is held or written.
 */
final class Quotas {
    private final ActorLimits limits;
    private final AtomicInteger activations = new AtomicInteger();
    private final AtomicInteger timers = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();

    Quotas(ActorLimits limits) {
        this.limits = limits;
    }

    /** Refuses a period shorter than the minimum (a nanosecond period would take a turn thread for ever). */
    void checkPeriod(String what, Duration interval) {
        if (interval != null && interval.compareTo(limits.minTimerPeriod()) < 0) {
            throw new ActorException(Reason.BAD_SCHEDULE, "period of " + what + " (" + interval + ") is shorter than "
                    + limits.minTimerPeriod() + ", the minimum (capa.actors.min-timer-period)");
        }
    }

    /** A stored period raised to the minimum: a reminder stored before the minimum was set fires no faster. */
    Duration atLeastMinimum(Duration interval) {
        return interval.compareTo(limits.minTimerPeriod()) < 0 ? limits.minTimerPeriod() : interval;
    }

    /** Counts a new activation of {@code actor}, or refuses it when the table is full. */
    void reserveActivation(ActorId actor) {
        if (activations.incrementAndGet() > limits.maxActive()) {
            activations.decrementAndGet();
            throw new ActorException(Reason.QUOTA, "cannot activate " + actor + ": " + limits.maxActive()
                    + " actors are active already (capa.actors.max-active); try again after idle ones are deactivated");
        }
    }

    void releaseActivation() {
        activations.decrementAndGet();
    }

    int activations() {
        return activations.get();
    }

    /**
     * Refuses one more timer or reminder of {@code actor}, which has {@code ofActor} already, when
     * that actor's or the server's share is used up ({@code reminders}: every armed reminder).
     */
    void checkTimer(ActorId actor, String what, int ofActor, int reminders) {
        if (ofActor >= limits.maxTimersPerActor()) {
            throw new ActorException(Reason.QUOTA, "cannot create " + what + ": " + actor + " has " + ofActor
                    + " timers and reminders, the most one actor may have (capa.actors.max-timers-per-actor)");
        }
        if (timers.get() + reminders >= limits.maxTimers()) {
            throw new ActorException(Reason.QUOTA, "cannot create " + what + " of " + actor + ": the server holds "
                    + limits.maxTimers() + " timers and reminders, the most it may (capa.actors.max-timers)");
        }
    }

    void timerAdded() {
        timers.incrementAndGet();
    }

    void timersRemoved(int n) {
        timers.addAndGet(-n);
    }

    int timers() {
        return timers.get();
    }

    /**
     * Counts {@code bytes} of a call about to wait for the turn of {@code actor}, whose waiting calls
     * hold {@code ofActor} bytes, or refuses it when that actor's or the server's share is used up.
     */
    void reserveQueued(ActorId actor, long ofActor, long bytes) {
        if (ofActor + bytes > limits.maxQueuedBytesPerActor()) {
            throw new ActorException(Reason.QUOTA, "the calls waiting for the turn of " + actor + " already hold " + ofActor
                    + " bytes; " + bytes + " more would pass " + limits.maxQueuedBytesPerActor() + " (capa.actors.max-queued-bytes-per-actor)");
        }
        long now;
        do {
            now = queuedBytes.get();
            if (now + bytes > limits.maxQueuedBytes()) {
                throw new ActorException(Reason.QUOTA, "the calls waiting for actor turns already hold " + now + " bytes; "
                        + bytes + " more would pass " + limits.maxQueuedBytes() + " (capa.actors.max-queued-bytes)");
            }
        } while (!queuedBytes.compareAndSet(now, now + bytes));
    }

    void releaseQueued(long bytes) {
        queuedBytes.addAndGet(-bytes);
    }

    long queuedBytes() {
        return queuedBytes.get();
    }
}
