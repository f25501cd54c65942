// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.schedule.DaprTimes;
import io.capaee.actors.schedule.Schedule;
import io.capaee.actors.store.ActorStore;
import io.capaee.actors.store.StoredReminder;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorNames;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.api.actors.TimerHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The actor runtime: a table of active actors, each called one turn at a time under its own lock
 * (calls to different actors run in parallel on the callers' threads), activated on first use and
 * deactivated after an idle timeout; durable reminders in the {@link ActorStore}, re-armed by
 * {@link #start()}; in-memory timers that end with the activation.
 */
public final class ActorRuntimeCore implements ActorRuntime {
    private static final Logger LOG = Logger.getLogger(ActorRuntimeCore.class.getName());

    private final ActorSettings settings;
    private final ActorStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Function<String, Optional<HostedType>> discovery;
    private final Map<String, HostedType> types = new ConcurrentHashMap<>();
    private final Map<String, TypeStats> stats = new ConcurrentHashMap<>();
    private final Map<ActorId, Activation> active = new ConcurrentHashMap<>();
    private final Map<String, Scheduler.Scheduled> armedReminders = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param discovery finds a type that is not registered (remote hosts that announce their types);
     *     called on the caller's thread when an unknown type is addressed
     */
    public ActorRuntimeCore(ActorSettings settings, ActorStore store, Scheduler scheduler, Clock clock,
                            Function<String, Optional<HostedType>> discovery) {
        this.settings = settings;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.discovery = discovery;
    }

    public ActorSettings settings() {
        return settings;
    }

    public ActorStore store() {
        return store;
    }

    /** Hosts {@code type}; a second type of the same name is refused. */
    public TypeStats register(HostedType type) {
        ActorNames.check("actor type", type.name());
        if (type.name().startsWith("dapr.internal.")) {
            throw new ActorException(Reason.BAD_REQUEST, "actor type '" + type.name() + "' is reserved");
        }
        if (types.putIfAbsent(type.name(), type) != null) {
            throw new ActorException(Reason.BAD_REQUEST, "actor type '" + type.name() + "' is already hosted (" + types.get(type.name()).kind() + ")");
        }
        return stats.computeIfAbsent(type.name(), n -> new TypeStats(n, () -> countActive(n)));
    }

    public Map<String, TypeStats> stats() {
        return Map.copyOf(stats);
    }

    /** Re-arms every stored reminder; one whose due time passed while the server was down fires at once. */
    public void start() {
        Instant now = clock.instant();
        for (ActorId actor : store.actorsWithReminders()) {
            store.reminders(actor).values().forEach(r -> arm(actor, r, now));
        }
    }

    /** Deactivates every actor and cancels every timer; calls after this are refused. */
    public void stop() {
        closed = true;
        armedReminders.values().forEach(Scheduler.Scheduled::cancel);
        armedReminders.clear();
        for (Activation a : List.copyOf(active.values())) {
            a.lock.lock();
            try {
                deactivate(a);
            } finally {
                a.lock.unlock();
            }
        }
    }

    /** Deactivates the actors idle for longer than their type's timeout; busy ones are skipped. */
    public int scanIdle() {
        Instant now = clock.instant();
        int done = 0;
        for (Activation a : List.copyOf(active.values())) {
            Duration idle = a.type.idleTimeout().orElse(settings.idleTimeout());
            if (a.lastUsed.plus(idle).isAfter(now) || !a.lock.tryLock()) {
                continue;
            }
            try {
                if (!a.closed && !a.lastUsed.plus(idle).isAfter(now)) {
                    deactivate(a);
                    done++;
                }
            } finally {
                a.lock.unlock();
            }
        }
        return done;
    }

    // ---- ActorRuntime ----

    @Override
    public ActorResponse invoke(ActorId actor, String method, ActorRequest request) {
        if (method == null || method.isEmpty()) {
            throw new ActorException(Reason.BAD_REQUEST, "method name is empty");
        }
        HostedType type = type(actor.type());
        TypeStats s = stats.get(type.name());
        long start = System.nanoTime();
        s.calls.increment();
        try {
            return turn(actor, type, a -> inTurn(a, () -> a.instance.invoke(method, request)));
        } catch (RuntimeException e) {
            s.errors.increment();
            throw e;
        } finally {
            s.callNanos.add(System.nanoTime() - start);
        }
    }

    @Override
    public Optional<String> getState(ActorId actor, String key) {
        type(actor.type());
        return ActorStore.value(store.load(actor), key);
    }

    @Override
    public void transaction(ActorId actor, List<StateOperation> operations) {
        type(actor.type());
        operations.stream().filter(op -> op.kind() == StateOperation.Kind.UPSERT).forEach(op -> ActorStore.parse(op.value()));
        store.update(actor, values -> {
            for (StateOperation op : operations) {
                if (op.kind() == StateOperation.Kind.UPSERT) {
                    values.put(op.key(), ActorStore.parse(op.value()).toString());
                } else {
                    values.remove(op.key());
                }
            }
        });
    }

    @Override
    public void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
        ActorNames.check("reminder name", name);
        HostedType type = type(actor.type());
        type.checkReminders();
        Instant now = clock.instant();
        Schedule schedule = Schedule.parse(spec, now);
        String data = spec.data() == null ? null : ActorStore.parse(spec.data()).toString();
        StoredReminder reminder = new StoredReminder(name, blankToEmpty(spec.dueTime()), blankToEmpty(spec.period()), blankToEmpty(spec.ttl()),
                data, schedule.firstDue(), schedule.repetitions(), schedule.expiresAt());
        store.updateReminders(actor, reminders -> {
            if (!overwrite && reminders.containsKey(name)) {
                throw new ActorException(Reason.REMINDER_EXISTS, "reminder '" + name + "' of " + actor + " already exists");
            }
            reminders.put(name, reminder);
            return null;
        });
        arm(actor, reminder, now);
    }

    @Override
    public Optional<ReminderView> getReminder(ActorId actor, String name) {
        type(actor.type());
        return Optional.ofNullable(store.reminders(actor).get(name)).map(r -> new ReminderView(actor.type(), actor.id(),
                r.dueTime(), r.period(), r.expiresAt() == null ? null : r.expiresAt().toString(), r.data()));
    }

    @Override
    public boolean deleteReminder(ActorId actor, String name) {
        type(actor.type());
        boolean existed = store.updateReminders(actor, reminders -> reminders.remove(name) != null);
        Scheduler.Scheduled armed = armedReminders.remove(reminderKey(actor, name));
        if (armed != null) {
            armed.cancel();
        }
        return existed;
    }

    @Override
    public void createTimer(ActorId actor, String name, ScheduleSpec spec) {
        ActorNames.check("timer name", name);
        HostedType type = type(actor.type());
        type.checkTimerCallback(spec.callback());
        Schedule schedule = Schedule.parse(spec, clock.instant());
        if (spec.data() != null) {
            ActorStore.parse(spec.data());
        }
        ReminderFire fire = new ReminderFire(name, spec.data(), blankToEmpty(spec.dueTime()), blankToEmpty(spec.period()));
        String callback = spec.callback();
        turn(actor, type, a -> {
            armTimer(a, name, schedule, schedule.firstDue(), schedule.repetitions(), instance -> instance.timer(callback, fire));
            return null;
        });
    }

    @Override
    public boolean deleteTimer(ActorId actor, String name) {
        Activation a = active.get(actor);
        if (a == null) {
            return false;
        }
        Scheduler.Scheduled timer = a.timers.remove(name);
        if (timer != null) {
            timer.cancel();
        }
        return timer != null;
    }

    @Override
    public Set<String> types() {
        return new TreeSet<>(types.keySet());
    }

    @Override
    public List<ActorTypeStatus> status() {
        List<ActorTypeStatus> list = new ArrayList<>();
        for (String name : types()) {
            HostedType t = types.get(name);
            TypeStats s = stats.get(name);
            List<String> ids = active.keySet().stream().filter(id -> id.type().equals(name)).map(ActorId::id).sorted().toList();
            list.add(new ActorTypeStatus(name, t.kind(), ids, s.getActivations(), s.getDeactivations(), s.getCalls(), s.getErrors(),
                    s.getCallMillisTotal()));
        }
        return list;
    }

    // ---- for actor implementations (Java actors' context) ----

    /** Registers a timer of an actor's own code; call from inside that actor's turn. */
    public void registerTimer(ActorId actor, String name, Duration dueTime, Duration period, TimerHandler handler) {
        ActorNames.check("timer name", name);
        if (handler == null) {
            throw new ActorException(Reason.BAD_SCHEDULE, "timer '" + name + "' has no handler");
        }
        Schedule schedule = Schedule.of(dueTime, period, clock.instant());
        Activation a = active.get(actor);
        if (a == null || !a.lock.isHeldByCurrentThread()) {
            throw new ActorException(Reason.BAD_REQUEST, "timers of " + actor + " can only be registered from inside its turn");
        }
        armTimer(a, name, schedule, schedule.firstDue(), schedule.repetitions(), instance -> {
            instance.timer(handler);
            return false;
        });
    }

    /** Registers a reminder from an actor's own code (Java durations; data is JSON or null). */
    public void registerReminder(ActorId actor, String name, Duration dueTime, Duration period, String data) {
        Schedule.of(dueTime, period, clock.instant());
        createReminder(actor, name, new ScheduleSpec(dueTime.toString(), period == null ? "" : period.toString(), "", data, null), true);
    }

    // ---- turns ----

    private HostedType type(String name) {
        HostedType t = types.get(name);
        if (t == null) {
            t = discovery.apply(name).orElse(null);
            if (t != null) {
                HostedType found = t;
                types.computeIfAbsent(name, n -> found);
                stats.computeIfAbsent(name, n -> new TypeStats(n, () -> countActive(n)));
                t = types.get(name);
            }
        }
        if (t == null) {
            throw new ActorException(Reason.UNKNOWN_TYPE, "no actor type '" + name + "' is hosted here");
        }
        return t;
    }

    /**
     * Runs {@code body} as a turn of {@code actor}, activating it first if needed. A call from inside
     * the actor's own turn on the same thread is reentrant: refused unless reentrancy is on, and then
     * only up to the depth limit.
     */
    private <T> T turn(ActorId actor, HostedType type, Function<Activation, T> body) {
        while (true) {
            if (closed) {
                throw new ActorException(Reason.CLOSED, "the actor runtime is shutting down");
            }
            Activation a = active.computeIfAbsent(actor, id -> new Activation(id, type, clock.instant()));
            if (a.lock.isHeldByCurrentThread()) {
                if (!settings.reentrancy()) {
                    throw new ActorException(Reason.STACK_DEPTH, "reentrant call to " + actor + " refused: reentrancy is off");
                }
                if (a.lock.getHoldCount() >= settings.maxStackDepth()) {
                    throw new ActorException(Reason.STACK_DEPTH, "reentrant calls to " + actor + " nested deeper than " + settings.maxStackDepth());
                }
            }
            try {
                if (!a.lock.tryLock(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ActorException(Reason.METHOD_FAILED, "gave up waiting " + settings.callTimeout() + " for the turn of " + actor);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActorException(Reason.METHOD_FAILED, "interrupted while waiting for the turn of " + actor, e);
            }
            try {
                if (a.closed) {
                    continue;
                }
                if (a.instance == null) {
                    activate(a);
                }
                a.lastUsed = clock.instant();
                return body.apply(a);
            } finally {
                a.lastUsed = clock.instant();
                a.lock.unlock();
            }
        }
    }

    private void activate(Activation a) {
        ActorInstance instance = a.type.create(a.id, this);
        a.instance = instance;
        try {
            inTurn(a, () -> {
                instance.onActivate();
                return null;
            });
        } catch (RuntimeException e) {
            a.closed = true;
            a.instance = null;
            active.remove(a.id, a);
            throw e;
        }
        stats.get(a.type.name()).activations.increment();
    }

    /** The turn's state is saved after {@code call} succeeds and discarded when it throws (outermost turn only). */
    private static <T> T inTurn(Activation a, Supplier<T> call) {
        boolean outermost = a.lock.getHoldCount() == 1;
        if (outermost) {
            a.instance.beginTurn();
        }
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            if (outermost) {
                a.instance.endTurn(false);
            }
            throw e;
        }
        if (outermost) {
            a.instance.endTurn(true);
        }
        return result;
    }

    private void deactivate(Activation a) {
        a.closed = true;
        active.remove(a.id, a);
        a.timers.values().forEach(Scheduler.Scheduled::cancel);
        a.timers.clear();
        if (a.instance != null) {
            try {
                inTurn(a, () -> {
                    a.instance.onDeactivate();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deactivating " + a.id + " failed: " + e.getMessage(), e);
            }
            stats.get(a.type.name()).deactivations.increment();
        }
    }

    private int countActive(String type) {
        return (int) active.keySet().stream().filter(id -> id.type().equals(type)).count();
    }

    // ---- timers ----

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

    private void armTimer(Activation a, String name, Schedule schedule, Instant due, int remaining, Function<ActorInstance, Boolean> action) {
        TimerSlot slot = new TimerSlot();
        Scheduler.Scheduled previous = a.timers.put(name, slot);
        if (previous != null) {
            previous.cancel();
        }
        slot.task = scheduler.schedule(due, () -> fireTimer(a, name, slot, schedule, due, remaining, action));
        if (slot.cancelled) {
            slot.task.cancel();
        }
    }

    private void fireTimer(Activation a, String name, TimerSlot slot, Schedule schedule, Instant due, int remaining,
                           Function<ActorInstance, Boolean> action) {
        if (slot.cancelled || a.closed || a.timers.get(name) != slot || active.get(a.id) != a) {
            return;
        }
        boolean cancel = false;
        try {
            cancel = turn(a.id, a.type, current -> {
                if (current != a || slot.cancelled || current.timers.get(name) != slot) {
                    return true;
                }
                return inTurn(current, () -> action.apply(current.instance));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "timer '" + name + "' of " + a.id + " failed: " + e.getMessage());
        }
        int left = remaining < 0 ? -1 : remaining - 1;
        Instant next = cancel ? null : schedule.next(due, left, clock.instant());
        a.lock.lock();
        try {
            if (a.timers.get(name) != slot) {
                return;
            }
            if (next == null || a.closed) {
                a.timers.remove(name, slot);
            } else {
                armTimer(a, name, schedule, next, left, action);
            }
        } finally {
            a.lock.unlock();
        }
    }

    // ---- reminders ----

    private void arm(ActorId actor, StoredReminder reminder, Instant now) {
        Instant at = reminder.next().isBefore(now) ? now : reminder.next();
        Scheduler.Scheduled previous = armedReminders.put(reminderKey(actor, reminder.name()),
                scheduler.schedule(at, () -> fireReminder(actor, reminder.name(), reminder.next())));
        if (previous != null) {
            previous.cancel();
        }
    }

    private void fireReminder(ActorId actor, String name, Instant due) {
        if (closed) {
            return;
        }
        StoredReminder r;
        try {
            r = store.reminders(actor).get(name);
        } catch (ActorException e) {
            LOG.warning("reminder '" + name + "' of " + actor + " could not be read; retrying: " + e.getMessage());
            rearmLater(actor, name, due);
            return;
        }
        if (r == null || !r.next().equals(due)) {
            return; // deleted or replaced since it was armed
        }
        HostedType type;
        try {
            type = type(actor.type());
        } catch (ActorException e) {
            LOG.warning("reminder '" + name + "' of " + actor + " is due but the type is not hosted (yet); retrying");
            rearmLater(actor, name, due);
            return;
        }
        ReminderFire fire = new ReminderFire(name, r.data(), r.dueTime(), r.period());
        boolean cancel = false;
        try {
            cancel = turn(actor, type, a -> inTurn(a, () -> a.instance.reminder(fire)));
        } catch (RuntimeException e) {
            // Dapr's rule: a failed reminder callback is logged, not retried
            LOG.log(Level.WARNING, "reminder '" + name + "' of " + actor + " failed: " + e.getMessage());
        }
        Instant now = clock.instant();
        int left = r.remaining() < 0 ? -1 : r.remaining() - 1;
        Instant next = null;
        if (!cancel && !r.period().isEmpty()) {
            Duration interval = DaprTimes.period(r.period()).interval();
            next = new Schedule(due, interval, left, r.expiresAt()).next(due, left, now);
        }
        Instant nextDue = next;
        StoredReminder updated;
        try {
            updated = store.updateReminders(actor, reminders -> {
                StoredReminder current = reminders.get(name);
                if (current == null || !current.next().equals(due)) {
                    return null;
                }
                if (nextDue == null) {
                    reminders.remove(name);
                    return null;
                }
                StoredReminder n = current.withNext(nextDue, left);
                reminders.put(name, n);
                return n;
            });
        } catch (ActorException e) {
            // the store still says this fire is due: firing it again later is at-least-once, and a
            // periodic reminder is not lost for the life of the process
            LOG.warning("reminder '" + name + "' of " + actor + " fired but could not be advanced; retrying: " + e.getMessage());
            rearmLater(actor, name, due);
            return;
        }
        if (updated != null) {
            arm(actor, updated, now);
        } else {
            armedReminders.remove(reminderKey(actor, name));
        }
    }

    private void rearmLater(ActorId actor, String name, Instant due) {
        Scheduler.Scheduled previous = armedReminders.put(reminderKey(actor, name),
                scheduler.schedule(clock.instant().plus(settings.scanInterval()), () -> fireReminder(actor, name, due)));
        if (previous != null) {
            previous.cancel();
        }
    }

    private static String reminderKey(ActorId actor, String name) {
        return actor.type() + "||" + actor.id() + "||" + name;
    }

    private static String blankToEmpty(String s) {
        return s == null || s.isBlank() ? "" : s.trim();
    }
}
