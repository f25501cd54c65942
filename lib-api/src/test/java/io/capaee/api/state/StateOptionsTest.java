// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.api.state.StateOptions.Concurrency;
import io.capaee.api.state.StateOptions.Consistency;
import org.junit.jupiter.api.Test;

class StateOptionsTest {
    @Test
    void theOptionsAreReadAsDaprSpellsThemInAnyCase() {
        assertEquals(Concurrency.FIRST_WRITE, Concurrency.parse("first-write"));
        assertEquals(Concurrency.LAST_WRITE, Concurrency.parse("Last-Write"));
        assertEquals(Consistency.EVENTUAL, Consistency.parse("eventual"));
        assertEquals(Consistency.STRONG, Consistency.parse("STRONG"));
    }

    @Test
    void anAbsentOptionIsNone() {
        assertNull(Concurrency.parse(null));
        assertNull(Consistency.parse(""));
    }

    @Test
    void anyOtherSpellingIsRefusedNamingTheChoices() {
        assertEquals("concurrency 'first_write' is neither first-write nor last-write",
                assertThrows(InvalidStateRequestException.class, () -> Concurrency.parse("first_write")).getMessage());
        assertEquals("consistency 'weak' is neither eventual nor strong",
                assertThrows(InvalidStateRequestException.class, () -> Consistency.parse("weak")).getMessage());
    }
}
