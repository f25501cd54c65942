// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5), 3, clock);

    @Test
    void aSignatureSeenWithinTheWindowIsAReplay() {
        assertTrue(guard.firstTime("a"));
        clock.advance(Duration.ofMinutes(4));
        assertFalse(guard.firstTime("a"));
        assertTrue(guard.firstTime("b"));
    }

    @Test
    void aSignatureIsForgottenOnceOlderThanTheWindow() {
        assertTrue(guard.firstTime("a"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertTrue(guard.firstTime("a"));
        assertEquals(1, guard.size());
    }

    @Test
    void theOldestGoFirstBeyondTheCapacity() {
        guard.firstTime("a");
        guard.firstTime("b");
        guard.firstTime("c");
        guard.firstTime("d");
        assertEquals(3, guard.size());
        assertTrue(guard.firstTime("a"), "a made room for d");
        assertFalse(guard.firstTime("d"));
    }

    @Test
    void aForgottenSignatureMayComeAgain() {
        assertTrue(guard.firstTime("a"));
        guard.forget("a");
        assertTrue(guard.firstTime("a"));
    }
}
