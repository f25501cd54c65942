// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@link Stages}: a caller waiting for a turn hears its failure as it was thrown, and never waits for ever. */
class StagesTest {
    @Test
    void aFailedStageRethrowsTheExceptionItFailedWithUnwrapped() {
        IllegalStateException thrown = new IllegalStateException("boom");
        CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> Stages.await(Duration.ofSeconds(5), failed)));
        assertSame(thrown, Stages.cause(new CompletionException(new CompletionException(thrown))));
        assertEquals("done", Stages.await(Duration.ofSeconds(5), CompletableFuture.completedFuture("done")));
    }

    @Test
    void aStageThatNeverEndsFailsTheWaitAfterTheLimit() {
        ActorException e = assertThrows(ActorException.class, () -> Stages.await(Duration.ofMillis(20), new CompletableFuture<>()));
        assertEquals(Reason.METHOD_FAILED, e.reason());
        assertEquals("no answer within PT0.02S", e.getMessage());
    }
}
