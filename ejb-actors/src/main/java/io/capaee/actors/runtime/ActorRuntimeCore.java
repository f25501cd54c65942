// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActiveActor;
import io.capaee.api.actors.ActiveIdPage;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorReminder;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderPage;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The actor runtime, put together from its parts: the {@link TypeRegistry} of hosted types, the
 * table of {@link ActiveActors} (activation quota, idle scan, shutdown), the {@link Activator} that
 * gives an actor its instance, {@link Turns} (one turn at a time per actor, call chains and
 * reentrancy), in-memory {@link Timers}, durable {@link Reminders} and the {@link StateApi}. An actor
 * kind sees none of them: its instances get an {@link ActorSite}.
 */
public final class ActorRuntimeCore implements ActorRuntime {
    private final ActorSettings settings;
    private final ActorStore store;
    private final TypeRegistry types;
    private final ActiveActors active;
    private final Activator activator;
    private final Turns turns;
    private final Timers timers;
    private final Reminders reminders;
    private final StateApi state;
    private final CallChains chains = new CallChains();
    private final Placement placement;
    private final Forwarder forwarder;
    private final Routes routes;
    private final Executor moves;
    private final Traces traces;
    private final ActorRuntime here = new Here();
    /** Turns running on their callers' threads ({@link #invokeOnCaller}), at most {@link ActorSettings#callerTurns}. */
    private final Semaphore callerTurns;

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
        this(settings, store, scheduler, clock, discovery, turns, deadlines, Placement.single(), Forwarder.none());
    }

    /**
     * @param placement which server runs which actor (the store's fences must be this placement's)
     * @param forwarder sends an operation to the server that owns its actor
     */
    public ActorRuntimeCore(ActorSettings settings, ActorStore store, Scheduler scheduler, Clock clock,
                            Function<String, Optional<HostedType>> discovery, Executor turns, Scheduler deadlines,
                            Placement placement, Forwarder forwarder) {
        this(settings, store, scheduler, clock, discovery, turns, deadlines, placement, forwarder, Traces.off());
    }

    /** @param traces the spans of actor calls ({@link ActorTraces}) */
    public ActorRuntimeCore(ActorSettings settings, ActorStore store, Scheduler scheduler, Clock clock,
                            Function<String, Optional<HostedType>> discovery, Executor turns, Scheduler deadlines,
                            Placement placement, Forwarder forwarder, Traces traces) {
        this.traces = traces;
        this.settings = settings;
        this.callerTurns = new Semaphore(settings.callerTurns());
        this.placement = placement;
        this.forwarder = forwarder;
        this.routes = new Routes(placement, deadlines, clock, settings.callTimeout());
        this.moves = turns;
        this.store = store;
        Quotas quotas = new Quotas(settings.limits());
        this.active = new ActiveActors(quotas, clock);
        this.types = new TypeRegistry(discovery, active::count, active::queued, this::armedReminders);
        // the activator needs the timers (for the sites it hands out), which need the turns: the turns
        // reach it when a first turn runs, by which time it is set
        this.turns = new Turns(settings, clock, turns, deadlines, active, chains, this::activate);
        Firings firings = new Firings(scheduler, clock, this.turns, chains);
        this.reminders = new Reminders(settings, store, quotas, types, active, firings, placement::owns, placement::holds);
        this.timers = new Timers(quotas, types, active, firings, reminders);
        this.activator = new Activator(id -> new Site(id, store, timers, reminders), types, active);
        this.state = new StateApi(store);
    }

    /** The reminders of {@code type} armed here (none while the reminders are being set up). */
    private int armedReminders(String type) {
        Reminders r = reminders;
        return r == null ? 0 : r.armedCount(type);
    }

    private void activate(Activation a) {
        activator.activate(a);
    }

    public ActorSettings settings() {
        return settings;
    }

    public ActorStore store() {
        return store;
    }

    /** Hosts {@code type}; a second type of the same name is refused. */
    public TypeStats register(HostedType type) {
        return types.register(type);
    }

    /** Tells {@code listener} of every type hosted from now on: registered, or found by discovery. */
    public void onTypeAdded(Consumer<TypeStats> listener) {
        types.onAdded(listener);
    }

    /** The type hosted under {@code name}, if any (no discovery). */
    public Optional<HostedType> hosted(String name) {
        return types.hosted(name);
    }

    public Map<String, TypeStats> stats() {
        return types.stats();
    }

    /**
     * Starts placing actors: the stored reminders of every partition this server gains are armed (one
     * whose due time passed while no server had it fires at once), and the actors of every partition it
     * loses are deactivated.
     */
    public void start() {
        placement.start(new Placement.Owner() {
            @Override
            public void gained(Set<Integer> partitions) {
                reminders.arm(actor -> partitions.contains(placement.partition(actor)));
            }

            @Override
            public CompletionStage<Void> lost(int partition, boolean drain) {
                reminders.disarm(actor -> placement.partition(actor) == partition);
                // off the caller's thread (the placement's timer): draining waits for turns to end
                return CompletableFuture.runAsync(() -> active.closeWhere(actor -> placement.partition(actor) == partition,
                        drain, settings.callTimeout(),
                        () -> new ActorException(Reason.NOT_OWNER, "partition " + partition + " left this server"),
                        activator::deactivate), moves);
            }
        });
    }

    /**
     * Deactivates every actor (after its running turn, waiting at most the call timeout) and cancels
     * every timer; waiting calls and calls after this are refused. Then gives the partitions back.
     */
    public void stop() {
        placement.quiesce();
        reminders.stop();
        active.closeAll(settings.callTimeout(), activator::deactivate);
        placement.stop();
    }

    /**
     * Deactivates one actor now, after its running turn and the calls waiting for it (an operator's
     * action, over JMX or the gateway). @return false when it was not active here
     */
    @Override
    public boolean deactivate(ActorId actor) {
        if (!active.isActive(actor)) {
            return false;
        }
        active.closeWhere(actor::equals, true, settings.callTimeout(),
                () -> new ActorException(Reason.CLOSED, "actor " + actor + " was deactivated"), activator::deactivate);
        return true;
    }

    /** Deactivates the actors idle for longer than their type's timeout; busy ones are skipped. */
    public int scanIdle() {
        return active.closeIdle(settings.idleTimeout(), activator::deactivate);
    }

    // ---- ActorRuntime ----

    @Override
    public ActorResponse invoke(ActorId actor, String method, ActorRequest request) {
        // the caller waits anyway: when the actor is idle its thread runs the turn, saving a hand-over
        return turns.await(route(actor, method, request, true, true));
    }

    @Override
    public CompletionStage<ActorResponse> invokeAsync(ActorId actor, String method, ActorRequest request) {
        return route(actor, method, request, false, true);
    }

    @Override
    public CompletionStage<ActorResponse> invokeOnCaller(ActorId actor, String method, ActorRequest request) {
        return onCaller(inline -> route(actor, method, request, inline, true));
    }

    /** Runs {@code call} inline when a caller turn is free (held until the inline part returns), else handed over. */
    private CompletionStage<ActorResponse> onCaller(Function<Boolean, CompletionStage<ActorResponse>> call) {
        if (!callerTurns.tryAcquire()) {
            return call.apply(false);
        }
        try {
            return call.apply(true);
        } finally {
            callerTurns.release();
        }
    }

    /**
     * Calls the actor where it lives, on the caller's chain: the chain is taken here, on the caller's
     * thread, so that a call forwarded to another server carries it too.
     */
    private CompletionStage<ActorResponse> route(ActorId actor, String method, ActorRequest request, boolean inline, boolean mayForward) {
        String chain = chains.chain(request.reentrancyId());
        ActorRequest stamped = chain.equals(request.reentrancyId()) ? request : new ActorRequest(request.body(), request.contentType(), chain);
        return routes.run(actor, mayForward, onCaller -> invoke(actor, method, stamped, inline && onCaller),
                owner -> forwarder.invoke(owner, actor, method, stamped));
    }

    /** Runs a reminder or timer operation where its actor lives, waiting for it. */
    private <T> T route(ActorId actor, boolean mayForward, java.util.function.Supplier<T> here,
                        Function<java.net.URI, CompletionStage<T>> there) {
        return turns.await(routes.run(actor, mayForward, onCaller -> CompletableFuture.completedFuture(here.get()), there));
    }

    /** @param inline run the turn on this thread when the actor is idle (else on the executor) */
    private CompletionStage<ActorResponse> invoke(ActorId actor, String method, ActorRequest request, boolean inline) {
        if (method == null || method.isEmpty()) {
            return CompletableFuture.failedFuture(new ActorException(Reason.BAD_REQUEST, "method name is empty"));
        }
        HostedType type;
        try {
            type = types.type(actor.type());
        } catch (ActorException e) {
            return CompletableFuture.failedFuture(e);
        }
        TypeStats s = types.stats(type.name());
        long start = System.nanoTime();
        s.calls.increment();
        String chain = chains.chain(request.reentrancyId());
        // the host sees the chain, as Dapr stamps it, so that it can pass it on to nested actor calls
        ActorRequest stamped = chain.equals(request.reentrancyId()) ? request : new ActorRequest(request.body(), request.contentType(), chain);
        CompletableFuture<ActorResponse> done = new CompletableFuture<>();
        TraceSpan span = ActorTraces.turn(traces, actor, method);
        turns.turn(actor, type, new Turn<>(chain, stamped.body().length, true, ActorTraces.within(span, a -> a.instance.invokeAsync(method, stamped))), inline, true)
                .whenComplete((r, e) -> {
            ActorTraces.end(span, e);
            s.ended(System.nanoTime() - start, e != null);
            if (e == null) {
                done.complete(r);
            } else {
                done.completeExceptionally(Stages.cause(e));
            }
        });
        return done;
    }

    @Override
    public Optional<String> getState(ActorId actor, String key) {
        types.type(actor.type());
        return state.get(actor, key);
    }

    @Override
    public void transaction(ActorId actor, List<StateOperation> operations) {
        types.type(actor.type());
        state.transaction(actor, operations);
    }

    @Override
    public void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
        createReminder(actor, name, spec, overwrite, true);
    }

    private void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite, boolean mayForward) {
        route(actor, mayForward, () -> {
            reminders.create(actor, name, spec, overwrite);
            return null;
        }, owner -> forwarder.createReminder(owner, actor, name, spec, overwrite));
    }

    @Override
    public Optional<ReminderView> getReminder(ActorId actor, String name) {
        return reminders.get(actor, name);
    }

    @Override
    public boolean deleteReminder(ActorId actor, String name) {
        return deleteReminder(actor, name, true);
    }

    private boolean deleteReminder(ActorId actor, String name, boolean mayForward) {
        return route(actor, mayForward, () -> reminders.delete(actor, name), owner -> forwarder.deleteReminder(owner, actor, name));
    }

    @Override
    public void createTimer(ActorId actor, String name, ScheduleSpec spec) {
        createTimer(actor, name, spec, true);
    }

    private void createTimer(ActorId actor, String name, ScheduleSpec spec, boolean mayForward) {
        route(actor, mayForward, () -> {
            timers.create(actor, name, spec);
            return null;
        }, owner -> forwarder.createTimer(owner, actor, name, spec));
    }

    @Override
    public boolean deleteTimer(ActorId actor, String name) {
        return deleteTimer(actor, name, true);
    }

    private boolean deleteTimer(ActorId actor, String name, boolean mayForward) {
        return route(actor, mayForward, () -> timers.delete(actor, name), owner -> forwarder.deleteTimer(owner, actor, name));
    }

    @Override
    public Set<String> types() {
        return types.names();
    }

    @Override
    public List<ActorTypeStatus> status() {
        return types.status();
    }

    @Override
    public List<ActorGroupMember> members() {
        return placement.members();
    }

    @Override
    public ActiveIdPage activeIds(String type, int offset, int limit) {
        List<String> ids = active.ids(type);
        int from = Math.min(Math.max(0, offset), ids.size());
        int to = (int) Math.min(ids.size(), (long) from + Math.max(0, limit));
        Map<String, Integer> armed = reminders.armedCounts(type);
        List<ActiveActor> page = new ArrayList<>();
        for (String id : ids.subList(from, to)) {
            Activation a = active.get(new ActorId(type, id)); // null when it was deactivated since the listing
            page.add(new ActiveActor(id, a == null ? 0 : a.queued(), a != null && a.running(), armed.getOrDefault(id, 0)));
        }
        return new ActiveIdPage(type, ids.size(), from, page);
    }

    @Override
    public ReminderPage reminders(String type, int offset, int limit) {
        return reminders.page(type, offset, limit);
    }

    @Override
    public List<ActorReminder> reminders(ActorId actor) {
        return reminders.of(actor);
    }

    @Override
    public ActorRuntime here() {
        return here;
    }

    /** The runtime for calls another server forwarded here: it runs them here or refuses them, never forwards. */
    private final class Here implements ActorRuntime {
        @Override
        public ActorResponse invoke(ActorId actor, String method, ActorRequest request) {
            return turns.await(route(actor, method, request, true, false));
        }

        @Override
        public CompletionStage<ActorResponse> invokeAsync(ActorId actor, String method, ActorRequest request) {
            return route(actor, method, request, false, false);
        }

        @Override
        public CompletionStage<ActorResponse> invokeOnCaller(ActorId actor, String method, ActorRequest request) {
            return onCaller(inline -> route(actor, method, request, inline, false));
        }

        @Override
        public Optional<String> getState(ActorId actor, String key) {
            return ActorRuntimeCore.this.getState(actor, key);
        }

        @Override
        public void transaction(ActorId actor, List<StateOperation> operations) {
            ActorRuntimeCore.this.transaction(actor, operations);
        }

        @Override
        public void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
            ActorRuntimeCore.this.createReminder(actor, name, spec, overwrite, false);
        }

        @Override
        public Optional<ReminderView> getReminder(ActorId actor, String name) {
            return ActorRuntimeCore.this.getReminder(actor, name);
        }

        @Override
        public boolean deleteReminder(ActorId actor, String name) {
            return ActorRuntimeCore.this.deleteReminder(actor, name, false);
        }

        @Override
        public void createTimer(ActorId actor, String name, ScheduleSpec spec) {
            ActorRuntimeCore.this.createTimer(actor, name, spec, false);
        }

        @Override
        public boolean deleteTimer(ActorId actor, String name) {
            return ActorRuntimeCore.this.deleteTimer(actor, name, false);
        }

        @Override
        public Set<String> types() {
            return ActorRuntimeCore.this.types();
        }

        @Override
        public List<ActorTypeStatus> status() {
            return ActorRuntimeCore.this.status();
        }

        @Override
        public List<ActorGroupMember> members() {
            return ActorRuntimeCore.this.members();
        }

        @Override
        public ActiveIdPage activeIds(String type, int offset, int limit) {
            return ActorRuntimeCore.this.activeIds(type, offset, limit);
        }

        @Override
        public boolean deactivate(ActorId actor) {
            return ActorRuntimeCore.this.deactivate(actor);
        }

        @Override
        public ReminderPage reminders(String type, int offset, int limit) {
            return ActorRuntimeCore.this.reminders(type, offset, limit);
        }

        @Override
        public List<ActorReminder> reminders(ActorId actor) {
            return ActorRuntimeCore.this.reminders(actor);
        }

        @Override
        public ActorRuntime here() {
            return this;
        }
    }
}
