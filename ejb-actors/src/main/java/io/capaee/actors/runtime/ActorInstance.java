// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.TimerHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One active actor. The runtime calls it one turn at a time: {@link #beginTurn()}, one of the
 * calls, then {@link #endTurn(boolean)} with whether the call succeeded.
 */
public interface ActorInstance {
    default void beginTurn() {}

    /** Saves the turn's state when {@code success}, discards it otherwise; may throw when the save fails. */
    default void endTurn(boolean success) {}

    default void onActivate() {}

    default void onDeactivate() {}

    ActorResponse invoke(String method, ActorRequest request);

    /**
     * Calls a method; the turn lasts until the stage completes. An implementation that waits on I/O
     * (a remote host) overrides this so that no thread is held meanwhile; the default runs
     * {@link #invoke} on the turn's thread.
     */
    default CompletionStage<ActorResponse> invokeAsync(String method, ActorRequest request) {
        return CompletableFuture.completedFuture(invoke(method, request));
    }

    /** Delivers a reminder; true asks the runtime to cancel it. */
    boolean reminder(ReminderFire fire);

    /** Delivers a timer registered through Dapr's API; true asks the runtime to cancel it. */
    boolean timer(String callback, ReminderFire fire);

    /** Runs a timer registered by the actor's own code. */
    default void timer(TimerHandler handler) {
        handler.onTimer();
    }
}
