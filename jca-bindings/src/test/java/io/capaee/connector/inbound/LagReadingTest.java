// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A source's lag is read on a schedule, not on every turn; a failed or negative reading leaves it unknown. */
class LagReadingTest {
    /** A loop whose turns the test calls by hand: only {@link #readLag} matters here. */
    private static final class Loop extends EndpointLoop {
        @Override
        protected void open() {
        }

        @Override
        protected long turn() {
            return IDLE;
        }

        @Override
        protected void close() {
        }

        @Override
        public String describe() {
            return "test loop";
        }
    }

    @Test
    void theFirstTurnReadsTheLagAndTheNextTurnsWithinTheIntervalDoNot() {
        Loop loop = new Loop();
        AtomicInteger reads = new AtomicInteger();
        assertEquals(OptionalLong.empty(), loop.lag(), "not read yet");
        for (int i = 0; i < 100; i++) {
            loop.readLag(() -> {
                reads.incrementAndGet();
                return 7;
            });
        }
        assertEquals(1, reads.get(), "one round trip to the broker, not one per turn");
        assertEquals(OptionalLong.of(7), loop.lag());
    }

    @Test
    void aFailedReadingLeavesTheLagUnknown() {
        Loop loop = new Loop();
        loop.readLag(() -> {
            throw new IllegalStateException("broker away");
        });
        assertTrue(loop.lag().isEmpty());
    }

    @Test
    void aNegativeReadingMeansTheSourceHasNoLag() {
        Loop loop = new Loop();
        loop.readLag(() -> -1);
        assertTrue(loop.lag().isEmpty());
    }
}
