// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActorId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link CallChains}: which chain a call belongs to, and which actor's turn a thread runs. */
class CallChainsTest {
    private final CallChains chains = new CallChains();
    private final Activation a = new Activation(new ActorId("kind", "a"), new RecordingKind("kind", Optional.empty()), Instant.EPOCH,
            new Quotas(ActorLimits.defaults()));

    @Test
    void aChainTheCallerGivesIsKeptAndAMissingOneIsNewEachTime() {
        assertEquals("given", chains.chain("given"));
        String one = chains.chain(null);
        String two = chains.chain(" ");
        assertNotEquals(one, two);
    }

    @Test
    void aCallMadeInsideATurnBelongsToThatTurnsChainUntilTheTurnEnds() {
        CallChains.Inside before = chains.enter(a, "outer");
        assertEquals("outer", chains.chain(null));
        assertEquals("mine", chains.chain("mine"), "a chain the caller names wins");
        assertTrue(chains.inTurnOf(a));
        chains.restore(before);
        assertNotEquals("outer", chains.chain(null));
        assertFalse(chains.inTurnOf(a));
    }

    @Test
    void onlyTheThreadRunningTheTurnIsInsideIt() throws Exception {
        CallChains.Inside before = chains.enter(a, "outer");
        try {
            assertFalse(CompletableFuture.supplyAsync(() -> chains.inTurnOf(a)).get());
            assertFalse(chains.inTurnOf(null));
        } finally {
            chains.restore(before);
        }
    }
}
