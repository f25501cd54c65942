// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One call for a turn of an actor: what to run once it is the actor's turn, and the future its
 * caller holds. A turn's body may finish later than it returns (a remote host answering), which is
 * why it returns a stage.
 */
final class Turn<T> {
    final String chain;
    final Function<Activation, CompletionStage<T>> body;
    /** Bytes of the call's body, counted while it waits (a byte quota). */
    final long bytes;
    /** Whether running it counts as use of the actor (resets its idle clock): a call does, its own timer does not. */
    final boolean activity;
    final CompletableFuture<T> result = new CompletableFuture<>();
    /** Guarded by the activation: set while the call waits behind another. */
    private Scheduler.Scheduled deadline;

    Turn(String chain, long bytes, boolean activity, Function<Activation, CompletionStage<T>> body) {
        this.chain = chain;
        this.bytes = bytes;
        this.activity = activity;
        this.body = body;
    }

    void deadline(Scheduler.Scheduled deadline) {
        this.deadline = deadline;
    }

    void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }
}
