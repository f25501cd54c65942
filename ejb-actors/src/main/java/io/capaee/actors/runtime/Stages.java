// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a turn's stage on the caller's thread, and the failure it ended with. */
public final class Stages {
    private Stages() {}

    /** The exception a stage failed with, without the wrappers that stages add. */
    public static Throwable cause(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Waits at most {@code limit} for {@code stage}, rethrowing its failure as it was thrown: a
     * caller blocked on a turn pool that is itself full of blocked callers fails instead of waiting
     * forever.
     */
    public static <T> T await(Duration limit, CompletionStage<T> stage) {
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
}
