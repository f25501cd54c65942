// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turn-based concurrency: each actor runs one turn at a time, its other calls wait in a FIFO queue
 * without holding a thread, and the next one starts on the executor when the running turn ends
 * (calls to different actors run in parallel). A call of the running turn's chain either re-enters
 * the actor (reentrancy on, within the depth limit) or is refused at once, since waiting for its own
 * turn could never end. An outermost turn begins the instance's state and ends it with the outcome.
 */
final class Turns {
    private final ActorSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final Scheduler deadlines;
    private final ActiveActors active;
    private final CallChains chains;
    private final Consumer<Activation> activate;

    /**
     * @param executor runs turns; it must queue a task when all its threads are busy
     * @param deadlines ends the wait of a call queued longer than the call timeout
     * @param activate gives an activation its instance, inside its first turn; throws when that fails
     */
    Turns(ActorSettings settings, Clock clock, Executor executor, Scheduler deadlines, ActiveActors active, CallChains chains,
          Consumer<Activation> activate) {
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.deadlines = deadlines;
        this.active = active;
        this.chains = chains;
        this.activate = activate;
    }

    /**
     * Waits for a stage on the caller's thread, at most twice the call timeout (the queue wait is
     * bounded by it, a method's run is not).
     */
    <T> T await(CompletionStage<T> stage) {
        return Stages.await(settings.callTimeout().multipliedBy(2), stage);
    }

    /**
     * Queues {@code body} as a turn of {@code actor} (activating it first when needed) and returns at
     * once; the turn runs on the executor when the calls ahead of it are done.
     */
    <T> CompletableFuture<T> turn(ActorId actor, HostedType type, String chain, Function<Activation, CompletionStage<T>> body) {
        return turn(actor, type, new Turn<>(chain, 0, true, body), false, true);
    }

    /**
     * @param inline run the turn on this thread when the actor is idle
     * @param activates activate the actor when it is not active; when false (its own timer firing)
     *     an actor that is not active is left so, and the result is {@code null}
     */
    <T> CompletableFuture<T> turn(ActorId actor, HostedType type, Turn<T> t, boolean inline, boolean activates) {
        String chain = t.chain;
        while (true) {
            if (active.closed()) {
                return CompletableFuture.failedFuture(new ActorException(Reason.CLOSED, "the actor runtime is shutting down"));
            }
            Activation a;
            try {
                a = activates ? active.getOrAdd(actor, type) : active.get(actor);
            } catch (ActorException full) {
                return CompletableFuture.failedFuture(full);
            }
            if (a == null) {
                return CompletableFuture.completedFuture(null);
            }
            Turn<?> start = null;
            synchronized (a) {
                if (a.closed) {
                    active.forget(a);
                    if (!activates) {
                        return CompletableFuture.completedFuture(null);
                    }
                    continue;
                }
                if (a.busy && a.inside && chain.equals(a.chain)) {
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

    private Reentrancy reentrancy(HostedType type) {
        return type.reentrancy().orElseGet(() -> new Reentrancy(settings.reentrancy(), settings.maxStackDepth()));
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
            executor.execute(() -> runTurn(a, t));
        } catch (RejectedExecutionException e) {
            finish(a, t, null, new ActorException(Reason.CLOSED, "the actor runtime is shutting down (no thread for the turn of " + a.id + ")"));
        }
    }

    /** Runs an outermost turn: activation if needed, the body, then state saved on success and discarded on failure. */
    private <T> void runTurn(Activation a, Turn<T> t) {
        CompletionStage<T> stage;
        boolean begun = false;
        CallChains.Inside previous = chains.enter(a, t.chain);
        try {
            if (a.instance == null) {
                activate.accept(a);
            }
            if (t.activity) {
                a.lastUsed = clock.instant();
            }
            a.instance.beginTurn();
            begun = true;
            synchronized (a) {
                a.inside = true;
            }
            stage = t.body.apply(a);
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        } finally {
            chains.restore(previous);
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
        a.inside = false;
        a.chain = null;
        a.depth = 0;
        a.releasePending = false;
        if (a.instance == null && a.waiting.isEmpty() && !a.closed) {
            // activation failed and nobody waits: forget it rather than list it as active
            a.closed = true;
            active.forget(a);
        }
        return a.waiting.isEmpty() ? null : a.startNext();
    }

    /**
     * Runs a reentrant turn beside the running one: on this thread when it is that turn's own (an
     * in-process call), else on the executor. Its state is the outermost turn's, saved with it.
     */
    private <T> void reenter(Activation a, Turn<T> t) {
        Runnable run = () -> {
            CallChains.Inside previous = chains.enter(a, t.chain);
            CompletionStage<T> stage;
            try {
                stage = t.body.apply(a);
            } catch (RuntimeException | Error e) {
                stage = CompletableFuture.failedFuture(e);
            } finally {
                chains.restore(previous);
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
        if (chains.inTurnOf(a)) {
            run.run();
            return;
        }
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            synchronized (a) {
                a.depth--;
                a.reentrant--; // shutting down: nothing is released any more
            }
            t.result.completeExceptionally(new ActorException(Reason.CLOSED, "the actor runtime is shutting down"));
        }
    }

    private static <T> void complete(Turn<T> t, T value, Throwable error) {
        if (error == null) {
            t.result.complete(value);
        } else {
            t.result.completeExceptionally(Stages.cause(error));
        }
    }
}
