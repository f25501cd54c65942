// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import io.capaee.api.kv.KeyValueException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs an operation on an actor where it lives: here, or forwarded to the server that owns it. While
 * no server can take the actor (its former owner's lease has not run out, it is being handed over) or
 * the owner turns out to have lost it, it looks again every {@link #RETRY}, for at most the call
 * timeout. A call that was itself forwarded is never forwarded again: it fails with
 * {@link Reason#NOT_OWNER}, and the server that forwarded it looks again.
 */
final class Routes {
    static final Duration RETRY = Duration.ofMillis(200);

    private final Placement placement;
    private final Scheduler later;
    private final Clock clock;
    private final Duration timeout;

    Routes(Placement placement, Scheduler later, Clock clock, Duration timeout) {
        this.placement = placement;
        this.later = later;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * @param mayForward false for a call forwarded here: it runs here or fails
     * @param here runs it here; its argument says whether this is the caller's own thread (the first try)
     * @param there forwards it to the owner at the given URL
     */
    <T> CompletionStage<T> run(ActorId actor, boolean mayForward, Function<Boolean, CompletionStage<T>> here,
                               Function<URI, CompletionStage<T>> there) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Attempts<>(actor, mayForward, here, there, clock.instant().plus(timeout), result).attempt(true);
        return result;
    }

    /** One operation's tries. */
    private final class Attempts<T> {
        private final ActorId actor;
        private final boolean mayForward;
        private final Function<Boolean, CompletionStage<T>> here;
        private final Function<URI, CompletionStage<T>> there;
        private final Instant giveUp;
        private final CompletableFuture<T> result;
        private String lastWhy = "";

        Attempts(ActorId actor, boolean mayForward, Function<Boolean, CompletionStage<T>> here, Function<URI, CompletionStage<T>> there,
                 Instant giveUp, CompletableFuture<T> result) {
            this.actor = actor;
            this.mayForward = mayForward;
            this.here = here;
            this.there = there;
            this.giveUp = giveUp;
            this.result = result;
        }

        void attempt(boolean onCaller) {
            Placement.Where where;
            try {
                where = placement.where(actor);
            } catch (KeyValueException e) {
                again("the store that keeps the actors' placement failed: " + e.getMessage());
                return;
            }
            if (where instanceof Placement.Where.Here) {
                settle(call(() -> here.apply(onCaller)), false);
            } else if (!mayForward) {
                result.completeExceptionally(new ActorException(Reason.NOT_OWNER, actor + " (partition "
                        + placement.partition(actor) + ") is not owned by this server: " + describe(where)));
            } else if (where instanceof Placement.Where.There t) {
                settle(call(() -> there.apply(t.url())), true);
            } else {
                again(describe(where));
            }
        }

        private CompletionStage<T> call(java.util.function.Supplier<CompletionStage<T>> op) {
            try {
                return op.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** @param forwarded it went to another server, whose refusal means that what was known of the owner is stale */
        private void settle(CompletionStage<T> stage, boolean forwarded) {
            stage.whenComplete((v, e) -> {
                if (e == null) {
                    result.complete(v);
                } else if (mayForward && Stages.cause(e) instanceof ActorException a && a.reason() == Reason.NOT_OWNER) {
                    if (forwarded) {
                        placement.stale(actor);
                    } else {
                        placement.fencedOff(actor); // this server lost the actor without knowing it yet
                    }
                    again(a.getMessage());
                } else {
                    result.completeExceptionally(Stages.cause(e));
                }
            });
        }

        private void again(String why) {
            lastWhy = why;
            Instant next = clock.instant().plus(RETRY);
            if (next.isAfter(giveUp)) {
                result.completeExceptionally(new ActorException(Reason.NOT_OWNER, "no server could take " + actor + " within "
                        + timeout + " (capa.actors.call-timeout): " + lastWhy));
                return;
            }
            later.schedule(next, () -> attempt(false));
        }
    }

    private static String describe(Placement.Where where) {
        if (where instanceof Placement.Where.There t) {
            return "it is owned by " + t.url();
        }
        if (where instanceof Placement.Where.Nowhere n) {
            return n.why();
        }
        return "it is here";
    }
}
