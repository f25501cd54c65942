// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestErrorTest {
    @Test
    void encodesAsCapsuleDoes() {
        assertEquals("[ERR][0]:boom", GuestError.of("boom").encode());
        assertEquals("[ERR][404]:Not here", new GuestError(404, "Not here").encode());
    }

    @Test
    void decodesCodeAndMessage() {
        assertEquals(Optional.of(new GuestError(0, "boom")), GuestError.decode("[ERR][0]:boom"));
        assertEquals(Optional.of(new GuestError(404, "Not here")), GuestError.decode("[ERR][404]:Not here"));
        assertEquals(Optional.of(new GuestError(-1, "negative")), GuestError.decode("[ERR][-1]:negative"));
    }

    @Test
    void displaysTheCodeOnlyWhenItIsNotZero() {
        assertEquals("boom", GuestError.of("boom").display());
        assertEquals("Not here (404)", new GuestError(404, "Not here").display());
    }

    @Test
    void aMessageContainingTheSeparatorIsKeptWhole() {
        // Capsule cut the message at its next "]:" (spec 1.8)
        assertEquals(Optional.of(GuestError.of("list[0]: index out of range]: really")), GuestError.decode("[ERR][0]:list[0]: index out of range]: really"));
        assertEquals(Optional.of(GuestError.of("")), GuestError.decode("[ERR][0]:"));
    }

    @Test
    void aValueStartingWithTheErrorPrefixButWithoutSeparatorIsStillAnError() {
        // Capsule's decoder crashed on these; the text after [ERR] becomes the message
        assertEquals(Optional.of(GuestError.of("oops")), GuestError.decode("[ERR]oops"));
        assertEquals(Optional.of(GuestError.of("")), GuestError.decode("[ERR]"));
        assertEquals(Optional.of(GuestError.of("[7] no colon")), GuestError.decode("[ERR][7] no colon"));
    }

    @Test
    void aCodeThatIsNotANumberCountsAsZero() {
        assertEquals(Optional.of(GuestError.of("m")), GuestError.decode("[ERR][x]:m"));
        assertEquals(Optional.of(GuestError.of("m")), GuestError.decode("[ERR][]:m"));
    }

    @Test
    void onlyValuesStartingWithThePrefixAreErrors() {
        assertEquals(Optional.empty(), GuestError.decode("boom"));
        assertEquals(Optional.empty(), GuestError.decode("x[ERR][0]:boom"));
        assertEquals(Optional.empty(), GuestError.decode("[err][0]:boom"));
        assertEquals(Optional.empty(), GuestError.decode(""));
    }

    @Test
    void decodingTheEncodingGivesTheErrorBack() {
        for (GuestError error : new GuestError[] {GuestError.of("a]:b"), new GuestError(500, "x [ERR][1]:y"), GuestError.of("\uD83D\uDD34 wip")}) {
            assertEquals(Optional.of(error), GuestError.decode(error.encode()));
        }
    }
}
