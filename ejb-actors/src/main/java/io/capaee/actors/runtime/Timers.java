// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.schedule.Schedule;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorNames;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.TimerHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-memory timers: they live in their actor's activation and end with it. A firing runs a turn of
 * the actor but is not use of it (Dapr's rule): an actor that only its own timers call goes idle,
 * and a firing never activates an actor deactivated meanwhile. Timers and reminders count together
 * against the quotas.
 */
final class Timers {
    private static final Logger LOG = Logger.getLogger(Timers.class.getName());

    private final Quotas quotas;
    private final TypeRegistry types;
    private final ActiveActors active;
    private final Firings firings;
    /** Counted with the timers against the quotas. */
    private final Reminders reminders;

    Timers(Quotas quotas, TypeRegistry types, ActiveActors active, Firings firings, Reminders reminders) {
        this.quotas = quotas;
        this.types = types;
        this.active = active;
        this.firings = firings;
        this.reminders = reminders;
    }

    /**
     * A timer's slot in its activation: in the table before its task is scheduled, so a task that
     * fires at once (due now, another timer thread) always finds it.
     */
    private static final class TimerSlot implements Scheduler.Scheduled {
        private volatile Scheduler.Scheduled task;
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
            Scheduler.Scheduled t = task;
            if (t != null) {
                t.cancel();
            }
        }
    }

    /** A timer of Dapr's API, delivered to {@code spec.callback()}; activates the actor to hold it. */
    void create(ActorId actor, String name, ScheduleSpec spec) {
        ActorNames.check("timer name", name);
        HostedType type = types.type(actor.type());
        type.checkTimerCallback(spec.callback());
        Schedule schedule = Schedule.parse(spec, firings.now());
        quotas.checkPeriod("timer '" + name + "'", schedule.interval());
        if (spec.data() != null) {
            ActorStore.parse(spec.data());
        }
        ReminderFire fire = new ReminderFire(name, spec.data(), Reminders.blankToEmpty(spec.dueTime()), Reminders.blankToEmpty(spec.period()));
        String callback = spec.callback();
        Function<ActorInstance, Boolean> action = instance -> instance.timer(callback, fire);
        // an active actor holds the timer at once: a remote host that registers one from inside the actor's own
        // turn (Dapr's SDKs do, in actor methods) must not wait for the turn its own call is holding
        Activation current = active.get(actor);
        if (current != null) {
            int ofActor = reminders.count(actor);
            synchronized (current) {
                if (!current.closed) {
                    checkRoom(current, name, ofActor);
                    arm(current, name, schedule, schedule.firstDue(), schedule.repetitions(), action);
                    return;
                }
            }
        }
        // not active: a turn activates it to hold the timer
        firings.await(firings.turn(actor, type, a -> {
            int ofActor = reminders.count(actor);
            synchronized (a) {
                checkRoom(a, name, ofActor);
                arm(a, name, schedule, schedule.firstDue(), schedule.repetitions(), action);
            }
            return CompletableFuture.completedFuture(null);
        }));
    }

    /** A timer of the actor's own code; only from inside that actor's turn. */
    void register(ActorId actor, String name, Duration dueTime, Duration period, TimerHandler handler) {
        ActorNames.check("timer name", name);
        if (handler == null) {
            throw new ActorException(Reason.BAD_SCHEDULE, "timer '" + name + "' has no handler");
        }
        Schedule schedule = Schedule.of(dueTime, period, firings.now());
        quotas.checkPeriod("timer '" + name + "'", schedule.interval());
        Activation a = active.get(actor);
        if (!firings.inTurnOf(a)) {
            throw new ActorException(Reason.BAD_REQUEST, "timers of " + actor + " can only be registered from inside its turn");
        }
        int ofActor = reminders.count(actor);
        synchronized (a) {
            checkRoom(a, name, ofActor);
            arm(a, name, schedule, schedule.firstDue(), schedule.repetitions(), instance -> {
                instance.timer(handler);
                return false;
            });
        }
    }

    /** Stops a timer; false when the actor is not active or has no such timer. */
    boolean delete(ActorId actor, String name) {
        Activation a = active.get(actor);
        if (a == null) {
            return false;
        }
        Scheduler.Scheduled timer = a.removeTimer(name);
        if (timer != null) {
            timer.cancel();
        }
        return timer != null;
    }

    /** Guarded by {@code a}: refuses a new timer of {@code a} when its or the server's share of timers is used up. */
    private void checkRoom(Activation a, String name, int remindersOfActor) {
        if (a.timer(name) == null) {
            quotas.checkTimer(a.id, "timer '" + name + "'", a.timerCount() + remindersOfActor, reminders.armedCount());
        }
    }

    private void arm(Activation a, String name, Schedule schedule, Instant due, int remaining, Function<ActorInstance, Boolean> action) {
        TimerSlot slot = new TimerSlot();
        Scheduler.Scheduled previous = a.putTimer(name, slot);
        if (previous != null) {
            previous.cancel();
        }
        slot.task = firings.schedule(due, () -> fire(a, name, slot, schedule, due, remaining, action));
        if (slot.cancelled) {
            slot.task.cancel();
        }
    }

    private void fire(Activation a, String name, TimerSlot slot, Schedule schedule, Instant due, int remaining,
                      Function<ActorInstance, Boolean> action) {
        boolean gone;
        synchronized (a) {
            gone = a.closed;
        }
        if (slot.cancelled || gone || a.timer(name) != slot || !active.isCurrent(a)) {
            return;
        }
        firings.quietTurn(a, current -> {
            if (current != a || slot.cancelled || current.timer(name) != slot) {
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.completedFuture(action.apply(current.instance));
        }).whenComplete((cancel, e) -> {
            if (e != null) {
                LOG.log(Level.WARNING, "timer '" + name + "' of " + a.id + " failed: " + Stages.cause(e).getMessage());
            }
            int left = remaining < 0 ? -1 : remaining - 1;
            Instant next = Boolean.TRUE.equals(cancel) ? null : schedule.next(due, left, firings.now());
            synchronized (a) {
                if (a.timer(name) != slot) {
                    return;
                }
                if (next == null || a.closed) {
                    a.removeTimer(name, slot);
                } else {
                    arm(a, name, schedule, next, left, action);
                }
            }
        });
    }
}
