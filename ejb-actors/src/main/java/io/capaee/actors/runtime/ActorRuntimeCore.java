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
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The actor runtime: a table of active actors, each with a FIFO queue of calls that run one turn at
 * a time on the {@code turns} executor (calls to different actors run in parallel; a waiting call
 * holds no thread), activated on first use and deactivated after an idle timeout; durable reminders
 * in the {@link ActorStore}, re-armed by {@link #start()}; in-memory timers that end with the
 * activation. Every call belongs to a call chain (Dapr's {@code Dapr-Reentrancy-Id}, made up when the
 * caller sends none); a call of the chain whose turn is running either re-enters the actor (reentrancy
 * on, within the depth limit) or is refused at once, since waiting for its own turn could never end.
 */
public final class ActorRuntimeCore implements ActorRuntime {
    private static final Logger LOG = Logger.getLogger(ActorRuntimeCore.class.getName());

    /** The actor whose turn the current thread is running, and that turn's chain. */
    private record Inside(Activation activation, String chain) {}

    private final ActorSettings settings;
    private final ActorStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Function<String, Optional<HostedType>> discovery;
    private final Executor turns;
    private final Scheduler deadlines;
    private final Quotas quotas;
    private final Map<String, HostedType> types = new ConcurrentHashMap<>();
    private final Map<String, TypeStats> stats = new ConcurrentHashMap<>();
    private final Map<ActorId, Activation> active = new ConcurrentHashMap<>();
    private final Map<String, Scheduler.Scheduled> armedReminders = new ConcurrentHashMap<>();
    private final ThreadLocal<Inside> inside = new ThreadLocal<>();
    private final String chainPrefix = UUID.randomUUID() + "-";
    private final AtomicLong chains = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param scheduler runs reminders and timers (the EJB {@code TimerService} on the server)
     * @param discovery finds a type that is not registered (remote hosts that announce their types);
     *     called on the caller's thread when an unknown type is addressed
     * @param turns runs turns; it must queue a task when all its threads are busy rather than run it
     *     on the caller's thread or refuse it (the server sizes it with capa.actors.turn-threads)
     * @param deadlines ends the wait of a call queued longer than the call timeout (cheap, short tasks)
     */
    public ActorRuntimeCore(ActorSettings settings, ActorStore store, Scheduler scheduler, Clock clock,
                            Function<String, Optional<HostedType>> discovery, Executor turns, Scheduler deadlines) {
        this.settings = settings;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.discovery = discovery;
        this.turns = turns;
        this.deadlines = deadlines;
        this.quotas = new Quotas(settings.limits());
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

    /** The type hosted under {@code name}, if any (no discovery). */
    public Optional<HostedType> hosted(String name) {
        return Optional.ofNullable(types.get(name));
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

    /**
     * Deactivates every actor (after its running turn, waiting at most the call timeout) and cancels
     * every timer; waiting calls and calls after this are refused.
     */
    public void stop() {
        closed = true;
        armedReminders.values().forEach(Scheduler.Scheduled::cancel);
        armedReminders.clear();
        long end = System.nanoTime() + settings.callTimeout().toNanos();
        for (Activation a : List.copyOf(active.values())) {
            List<Turn<?>> refused;
            synchronized (a) {
                a.closed = true;
                refused = a.unqueueAll();
                refused.forEach(Turn::cancelDeadline);
                try {
                    while (a.busy && System.nanoTime() < end) {
                        a.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            refused.forEach(t -> t.result.completeExceptionally(new ActorException(Reason.CLOSED, "the actor runtime is shutting down")));
            deactivate(a);
        }
    }

    /** Deactivates the actors idle for longer than their type's timeout; busy ones are skipped. */
    public int scanIdle() {
        Instant now = clock.instant();
        int done = 0;
        for (Activation a : List.copyOf(active.values())) {
            Duration idle = a.type.idleTimeout().orElse(settings.idleTimeout());
            if (a.lastUsed.plus(idle).isAfter(now)) {
                continue;
            }
            synchronized (a) {
                if (a.closed || a.busy || !a.waiting.isEmpty() || a.lastUsed.plus(idle).isAfter(now)) {
                    continue;
                }
                // closed under the monitor: a call arriving now goes to a new activation
                a.closed = true;
            }
            deactivate(a);
            done++;
        }
        return done;
    }

    // ---- ActorRuntime ----

    @Override
    public ActorResponse invoke(ActorId actor, String method, ActorRequest request) {
        // the caller waits anyway: when the actor is idle its thread runs the turn, saving a hand-over
        return await(invoke(actor, method, request, true));
    }

    @Override
    public CompletionStage<ActorResponse> invokeAsync(ActorId actor, String method, ActorRequest request) {
        return invoke(actor, method, request, false);
    }

    /** @param inline run the turn on this thread when the actor is idle (else on the executor) */
    private CompletionStage<ActorResponse> invoke(ActorId actor, String method, ActorRequest request, boolean inline) {
        if (method == null || method.isEmpty()) {
            return CompletableFuture.failedFuture(new ActorException(Reason.BAD_REQUEST, "method name is empty"));
        }
        HostedType type;
        try {
            type = type(actor.type());
        } catch (ActorException e) {
            return CompletableFuture.failedFuture(e);
        }
        TypeStats s = stats.get(type.name());
        long start = System.nanoTime();
        s.calls.increment();
        String chain = chain(request.reentrancyId());
        // the host sees the chain, as Dapr stamps it, so that it can pass it on to nested actor calls
        ActorRequest stamped = chain.equals(request.reentrancyId()) ? request : new ActorRequest(request.body(), request.contentType(), chain);
        CompletableFuture<ActorResponse> done = new CompletableFuture<>();
        turn(actor, type, new Turn<>(chain, stamped.body().length, true, a -> a.instance.invokeAsync(method, stamped)), inline, true)
                .whenComplete((r, e) -> {
            s.callNanos.add(System.nanoTime() - start);
            if (e == null) {
                done.complete(r);
            } else {
                s.errors.increment();
                done.completeExceptionally(cause(e));
            }
        });
        return done;
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
        quotas.checkPeriod("reminder '" + name + "'", schedule.interval());
        String data = spec.data() == null ? null : ActorStore.parse(spec.data()).toString();
        StoredReminder reminder = new StoredReminder(name, blankToEmpty(spec.dueTime()), blankToEmpty(spec.period()), blankToEmpty(spec.ttl()),
                data, schedule.firstDue(), schedule.repetitions(), schedule.expiresAt());
        store.updateReminders(actor, reminders -> {
            if (!overwrite && reminders.containsKey(name)) {
                throw new ActorException(Reason.REMINDER_EXISTS, "reminder '" + name + "' of " + actor + " already exists");
            }
            if (!reminders.containsKey(name)) {
                Activation a = active.get(actor);
                quotas.checkTimer(actor, "reminder '" + name + "'", reminders.size() + (a == null ? 0 : a.timerCount()), armedReminders.size());
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
        quotas.checkPeriod("timer '" + name + "'", schedule.interval());
        if (spec.data() != null) {
            ActorStore.parse(spec.data());
        }
        ReminderFire fire = new ReminderFire(name, spec.data(), blankToEmpty(spec.dueTime()), blankToEmpty(spec.period()));
        String callback = spec.callback();
        await(turn(actor, type, chain(null), a -> {
            int reminders = store.reminders(actor).size();
            synchronized (a) {
                checkRoomForTimer(a, name, reminders);
                armTimer(a, name, schedule, schedule.firstDue(), schedule.repetitions(), instance -> instance.timer(callback, fire));
            }
            return CompletableFuture.completedFuture(null);
        }));
    }

    @Override
    public boolean deleteTimer(ActorId actor, String name) {
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
            list.add(new ActorTypeStatus(name, t.kind(), countActive(name), s.getActivations(), s.getDeactivations(), s.getCalls(), s.getErrors(),
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
        quotas.checkPeriod("timer '" + name + "'", schedule.interval());
        Inside in = inside.get();
        Activation a = active.get(actor);
        if (a == null || in == null || in.activation() != a) {
            throw new ActorException(Reason.BAD_REQUEST, "timers of " + actor + " can only be registered from inside its turn");
        }
        int reminders = store.reminders(actor).size();
        synchronized (a) {
            checkRoomForTimer(a, name, reminders);
            armTimer(a, name, schedule, schedule.firstDue(), schedule.repetitions(), instance -> {
                instance.timer(handler);
                return false;
            });
        }
    }

    /** Guarded by {@code a}: refuses a new timer of {@code a} when its or the server's share of timers is used up. */
    private void checkRoomForTimer(Activation a, String name, int reminders) {
        if (a.timer(name) == null) {
            quotas.checkTimer(a.id, "timer '" + name + "'", a.timerCount() + reminders, armedReminders.size());
        }
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

    /** The caller's chain, else that of the turn this thread is running, else a new one. */
    private String chain(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        Inside in = inside.get();
        return in != null ? in.chain() : chainPrefix + chains.incrementAndGet();
    }

    private Reentrancy reentrancy(HostedType type) {
        return type.reentrancy().orElseGet(() -> new Reentrancy(settings.reentrancy(), settings.maxStackDepth()));
    }

    /**
     * Queues {@code body} as a turn of {@code actor} (activating it first when needed) and returns at
     * once; the turn runs on the executor when the calls ahead of it are done. A call of the running
     * turn's chain re-enters instead of queueing, or is refused when reentrancy is off or too deep.
     */
    private <T> CompletableFuture<T> turn(ActorId actor, HostedType type, String chain, Function<Activation, CompletionStage<T>> body) {
        return turn(actor, type, new Turn<>(chain, 0, true, body), false, true);
    }

    /**
     * @param inline run the turn on this thread when the actor is idle
     * @param activates activate the actor when it is not active; when false (its own timer firing)
     *     an actor that is not active is left so, and the result is {@code null}
     */
    private <T> CompletableFuture<T> turn(ActorId actor, HostedType type, Turn<T> t, boolean inline, boolean activates) {
        String chain = t.chain;
        while (true) {
            if (closed) {
                return CompletableFuture.failedFuture(new ActorException(Reason.CLOSED, "the actor runtime is shutting down"));
            }
            Activation a;
            try {
                a = activates ? active.computeIfAbsent(actor, id -> {
                    quotas.reserveActivation(id);
                    return new Activation(id, type, clock.instant(), quotas);
                }) : active.get(actor);
            } catch (ActorException full) {
                return CompletableFuture.failedFuture(full);
            }
            if (a == null) {
                return CompletableFuture.completedFuture(null);
            }
            Turn<?> start = null;
            synchronized (a) {
                if (a.closed) {
                    forget(a);
                    if (!activates) {
                        return CompletableFuture.completedFuture(null);
                    }
                    continue;
                }
                if (a.busy && a.instance != null && chain.equals(a.chain)) {
                    Reentrancy r = reentrancy(a.type);
                    if (!r.enabled()) {
                        return CompletableFuture.failedFuture(new ActorException(Reason.STACK_DEPTH, "reentrant call to " + actor
                                + " refused: reentrancy is off for actor type '" + a.type.name() + "', and the call would wait for its own turn"));
                    }
                    if (a.depth >= r.maxStackDepth()) {
                        return CompletableFuture.failedFuture(new ActorException(Reason.STACK_DEPTH,
                                "reentrant calls to " + actor + " nested deeper than " + r.maxStackDepth() + " (the maximum stack depth)"));
                    }
                    a.depth++;
                    a.reentrant++;
                } else {
                    if (a.busy) {
                        if (a.waiting.size() >= settings.maxQueuedCalls()) {
                            return CompletableFuture.failedFuture(new ActorException(Reason.BUSY, settings.maxQueuedCalls()
                                    + " calls already wait for the turn of " + actor + " (capa.actors.max-queued-calls)"));
                        }
                        try {
                            a.queue(t);
                        } catch (ActorException full) {
                            return CompletableFuture.failedFuture(full);
                        }
                        t.deadline(deadlines.schedule(clock.instant().plus(settings.callTimeout()), () -> expire(a, t)));
                        return t.result;
                    }
                    a.start(t);
                    start = t;
                }
            }
            if (start == null) {
                reenter(a, t);
            } else if (inline) {
                runTurn(a, start);
            } else {
                dispatch(a, start);
            }
            return t.result;
        }
    }

    /** Drops a call that waited too long from the queue. */
    private void expire(Activation a, Turn<?> t) {
        int ahead;
        synchronized (a) {
            if (!a.unqueue(t)) {
                return; // it started meanwhile
            }
            ahead = a.waiting.size();
        }
        t.result.completeExceptionally(new ActorException(Reason.METHOD_FAILED, "gave up waiting " + settings.callTimeout()
                + " for the turn of " + a.id + " (capa.actors.call-timeout); " + ahead + " more calls are still waiting"));
    }

    private void dispatch(Activation a, Turn<?> t) {
        try {
            turns.execute(() -> runTurn(a, t));
        } catch (RejectedExecutionException e) {
            finish(a, t, null, new ActorException(Reason.CLOSED, "the actor runtime is shutting down (no thread for the turn of " + a.id + ")"));
        }
    }

    /** Runs an outermost turn: activation if needed, the body, then state saved on success and discarded on failure. */
    private <T> void runTurn(Activation a, Turn<T> t) {
        CompletionStage<T> stage;
        boolean begun = false;
        Inside previous = inside.get();
        inside.set(new Inside(a, t.chain));
        try {
            if (a.instance == null) {
                activate(a);
            }
            if (t.activity) {
                a.lastUsed = clock.instant();
            }
            a.instance.beginTurn();
            begun = true;
            stage = t.body.apply(a);
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        } finally {
            restore(previous);
        }
        boolean saves = begun;
        stage.whenComplete((v, e) -> {
            Throwable error = e;
            if (saves) {
                try {
                    a.instance.endTurn(error == null);
                } catch (RuntimeException failedSave) {
                    if (error == null) {
                        error = failedSave;
                    }
                }
            }
            finish(a, t, v, error);
        });
    }

    /** Ends the running turn: the next waiting call starts, then the caller hears back. */
    private <T> void finish(Activation a, Turn<T> t, T value, Throwable error) {
        Turn<?> next = null;
        synchronized (a) {
            if (t.activity) {
                a.lastUsed = clock.instant();
            }
            if (a.reentrant > 0) {
                // a reentrant turn of this chain still runs (e.g. the outer one gave up on a slow
                // host): the next call must not start beside it; the last one to end releases the actor
                a.releasePending = true;
            } else {
                next = release(a);
            }
            a.notifyAll();
        }
        if (next != null) {
            dispatch(a, next);
        }
        complete(t, value, error);
    }

    /** Guarded by {@code a}: the actor is free; returns the next waiting call, now started, or null. */
    private Turn<?> release(Activation a) {
        a.busy = false;
        a.chain = null;
        a.depth = 0;
        a.releasePending = false;
        if (a.instance == null && a.waiting.isEmpty() && !a.closed) {
            // activation failed and nobody waits: forget it rather than list it as active
            a.closed = true;
            forget(a);
        }
        return a.waiting.isEmpty() ? null : a.startNext();
    }

    /**
     * Runs a reentrant turn beside the running one: on this thread when it is that turn's own (an
     * in-process call), else on the executor. Its state is the outermost turn's, saved with it.
     */
    private <T> void reenter(Activation a, Turn<T> t) {
        Inside current = inside.get();
        Runnable run = () -> {
            Inside previous = inside.get();
            inside.set(new Inside(a, t.chain));
            CompletionStage<T> stage;
            try {
                stage = t.body.apply(a);
            } catch (RuntimeException | Error e) {
                stage = CompletableFuture.failedFuture(e);
            } finally {
                restore(previous);
            }
            stage.whenComplete((v, e) -> {
                Turn<?> next = null;
                synchronized (a) {
                    a.depth--;
                    a.reentrant--;
                    if (a.reentrant == 0 && a.releasePending) {
                        next = release(a);
                        a.notifyAll();
                    }
                }
                a.lastUsed = clock.instant();
                if (next != null) {
                    dispatch(a, next);
                }
                complete(t, v, e);
            });
        };
        if (current != null && current.activation() == a) {
            run.run();
            return;
        }
        try {
            turns.execute(run);
        } catch (RejectedExecutionException e) {
            synchronized (a) {
                a.depth--;
                a.reentrant--; // shutting down: nothing is released any more
            }
            t.result.completeExceptionally(new ActorException(Reason.CLOSED, "the actor runtime is shutting down"));
        }
    }

    private void restore(Inside previous) {
        if (previous == null) {
            inside.remove();
        } else {
            inside.set(previous);
        }
    }

    private static <T> void complete(Turn<T> t, T value, Throwable error) {
        if (error == null) {
            t.result.complete(value);
        } else {
            t.result.completeExceptionally(cause(error));
        }
    }

    /** The exception a stage failed with, without the wrappers that stages add. */
    public static Throwable cause(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Waits for a stage on the caller's thread, rethrowing its failure as it was thrown, at most
     * twice the call timeout (the queue wait is bounded by it, a method's run is not): a caller
     * blocked on a turn pool that is itself full of blocked callers fails instead of waiting forever.
     */
    private <T> T await(CompletionStage<T> stage) {
        return await(settings.callTimeout().multipliedBy(2), stage);
    }

    static <T> T await(Duration limit, CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ActorException(Reason.METHOD_FAILED, "no answer within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActorException(Reason.CLOSED, "interrupted while waiting for the actor", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable c = cause(e);
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new ActorException(Reason.METHOD_FAILED, c.toString(), c);
        }
    }

    private void activate(Activation a) {
        ActorInstance instance = a.type.create(a.id, this);
        a.instance = instance;
        try {
            inOwnTurn(instance, () -> {
                instance.onActivate();
                return null;
            });
        } catch (RuntimeException e) {
            a.instance = null;
            throw e;
        }
        stats.get(a.type.name()).activations.increment();
    }

    /** Runs {@code call} with state saved after it succeeds and discarded when it throws. */
    private static <T> T inOwnTurn(ActorInstance instance, Supplier<T> call) {
        instance.beginTurn();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            instance.endTurn(false);
            throw e;
        }
        instance.endTurn(true);
        return result;
    }

    /** Ends an activation that is closed and runs no turn: its timers stop, its instance hears onDeactivate. */
    private void deactivate(Activation a) {
        forget(a);
        a.cancelTimers();
        if (a.instance != null) {
            try {
                inOwnTurn(a.instance, () -> {
                    a.instance.onDeactivate();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deactivating " + a.id + " failed: " + e.getMessage(), e);
            }
            stats.get(a.type.name()).deactivations.increment();
        }
    }

    /** Takes a closed activation out of the table (once), giving back its place in the quota. */
    private void forget(Activation a) {
        if (active.remove(a.id, a)) {
            quotas.releaseActivation();
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
        Scheduler.Scheduled previous = a.putTimer(name, slot);
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
        boolean gone;
        synchronized (a) {
            gone = a.closed;
        }
        if (slot.cancelled || gone || a.timer(name) != slot || active.get(a.id) != a) {
            return;
        }
        // a firing is not use of the actor (Dapr's rule): an actor that only its own timers call goes
        // idle, and its timers end with it; nor does a firing activate an actor deactivated meanwhile
        Turn<Boolean> firing = new Turn<>(chain(null), 0, false, current -> {
            if (current != a || slot.cancelled || current.timer(name) != slot) {
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.completedFuture(action.apply(current.instance));
        });
        turn(a.id, a.type, firing, false, false).whenComplete((cancel, e) -> {
            if (e != null) {
                LOG.log(Level.WARNING, "timer '" + name + "' of " + a.id + " failed: " + cause(e).getMessage());
            }
            int left = remaining < 0 ? -1 : remaining - 1;
            Instant next = Boolean.TRUE.equals(cancel) ? null : schedule.next(due, left, clock.instant());
            synchronized (a) {
                if (a.timer(name) != slot) {
                    return;
                }
                if (next == null || a.closed) {
                    a.removeTimer(name, slot);
                } else {
                    armTimer(a, name, schedule, next, left, action);
                }
            }
        });
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
        turn(actor, type, chain(null), a -> CompletableFuture.completedFuture(a.instance.reminder(fire))).whenComplete((cancel, e) -> {
            if (e != null && cause(e) instanceof ActorException full && full.reason() == Reason.QUOTA) {
                // it never ran (no room to activate its actor): it is due still, so try again later
                LOG.warning("reminder '" + name + "' of " + actor + " is due but " + full.getMessage() + "; retrying");
                rearmLater(actor, name, due);
                return;
            }
            if (e != null) {
                // Dapr's rule: a failed reminder callback is logged, not retried
                LOG.log(Level.WARNING, "reminder '" + name + "' of " + actor + " failed: " + cause(e).getMessage());
            }
            advanceReminder(actor, name, due, r, Boolean.TRUE.equals(cancel));
        });
    }

    private void advanceReminder(ActorId actor, String name, Instant due, StoredReminder r, boolean cancel) {
        Instant now = clock.instant();
        int left = r.remaining() < 0 ? -1 : r.remaining() - 1;
        Instant next = null;
        if (!cancel && !r.period().isEmpty()) {
            Duration interval = quotas.atLeastMinimum(DaprTimes.period(r.period()).interval());
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
