// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What timers and reminders share: the clock, the scheduler that arms them, and the turns their
 * firings run as (on the chain of the turn that armed them when there is one, else on a new chain).
 */
record Firings(Scheduler scheduler, Clock clock, Turns turns, CallChains chains) {
    Instant now() {
        return clock.instant();
    }

    Scheduler.Scheduled schedule(Instant at, Runnable task) {
        return scheduler.schedule(at, task);
    }

    /** A turn of {@code actor} that activates it when needed and counts as use of it (a reminder's firing, a timer's creation). */
    <T> CompletableFuture<T> turn(ActorId actor, HostedType type, Function<Activation, CompletionStage<T>> body) {
        return turns.turn(actor, type, chains.chain(null), body);
    }

    /**
     * A turn of {@code a} that is not use of it and never activates it (Dapr's rule for timers): when
     * {@code a} is no longer active the result is {@code null}.
     */
    <T> CompletableFuture<T> quietTurn(Activation a, Function<Activation, CompletionStage<T>> body) {
        return turns.turn(a.id, a.type, new Turn<>(chains.chain(null), 0, false, body), false, false);
    }

    <T> T await(CompletionStage<T> stage) {
        return turns.await(stage);
    }

    /** Whether the current thread runs a turn of {@code a}. */
    boolean inTurnOf(Activation a) {
        return chains.inTurnOf(a);
    }
}
