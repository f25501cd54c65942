// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActorSettingsTest {

    @Test
    void callerTurnsAsConfiguredAreKept() {
        assertEquals(0, ActorSettings.callerTurns(0, -1, 2));
        assertEquals(7, ActorSettings.callerTurns(7, 4, 2));
    }

    @Test
    void byDefaultCallerTurnsTakeHalfOfLibertysBaselineOfTwoRequestThreadsPerHardwareThread() {
        assertEquals(2, ActorSettings.callerTurns(-1, -1, 2));
        assertEquals(8, ActorSettings.callerTurns(-1, -1, 8));
    }

    @Test
    void byDefaultCallerTurnsTakeHalfOfAPinnedNumberOfRequestThreads() {
        assertEquals(10, ActorSettings.callerTurns(-1, 20, 2));
        assertEquals(0, ActorSettings.callerTurns(-1, 1, 2), "one request thread is never held by a turn");
    }

    @Test
    void aNegativeNumberOtherThanMinusOneIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActorSettings.callerTurns(-2, -1, 2));
        assertTrue(e.getMessage().contains("capa.actors.caller-turns"), e.getMessage());
    }
}
