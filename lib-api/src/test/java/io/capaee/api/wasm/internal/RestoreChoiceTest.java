// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Short calls keep the write marks, long ones switch to whole copies, and a single outlier does neither. */
class RestoreChoiceTest {
    private static final long SNAPSHOT = 128 * 1024;
    private static final long THRESHOLD = (long) (SNAPSHOT * RestoreChoice.CALL_NANOS_PER_SNAPSHOT_BYTE);

    @Test
    void aFunctionStartsWithWholeCopiesAndItsFirstShortCallMovesItToMarks() {
        RestoreChoice choice = new RestoreChoice(SNAPSHOT);
        assertTrue(choice.wholeCopy());
        choice.called(THRESHOLD / 10);
        assertFalse(choice.wholeCopy());
    }

    @Test
    void shortCallsKeepTheMarks() {
        RestoreChoice choice = new RestoreChoice(SNAPSHOT);
        for (int i = 0; i < 1000; i++) {
            choice.called(THRESHOLD / 10);
        }
        assertFalse(choice.wholeCopy());
    }

    @Test
    void longCallsSwitchToWholeCopiesAndShortOnesSwitchBack() {
        RestoreChoice choice = new RestoreChoice(SNAPSHOT);
        for (int i = 0; i < 100; i++) {
            choice.called(THRESHOLD / 10);
        }
        assertFalse(choice.wholeCopy());
        choice.called(THRESHOLD * 100);
        assertTrue(choice.wholeCopy());
        choice.called(THRESHOLD / 2); // the average is still high
        assertTrue(choice.wholeCopy());
        for (int i = 0; i < 100; i++) {
            choice.called(THRESHOLD / 10);
        }
        assertFalse(choice.wholeCopy());
    }

    @Test
    void callsJustAboveTheThresholdDoNotFlipBackAndForth() {
        RestoreChoice choice = new RestoreChoice(SNAPSHOT);
        for (int i = 0; i < 100; i++) {
            choice.called(THRESHOLD * 2);
        }
        assertTrue(choice.wholeCopy());
        for (int i = 0; i < 100; i++) {
            choice.called(THRESHOLD / 2); // below the threshold, above a quarter of it
        }
        assertTrue(choice.wholeCopy());
    }
}
