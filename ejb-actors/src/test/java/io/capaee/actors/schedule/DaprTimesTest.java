// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DaprTimesTest {
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void goDurations() {
        assertEquals(Duration.ofMinutes(90), DaprTimes.duration("d", "1h30m"));
        assertEquals(Duration.ofSeconds(3), DaprTimes.duration("d", "0h0m3s0ms"));
        assertEquals(Duration.ofMillis(500), DaprTimes.duration("d", "500ms"));
        assertEquals(Duration.ofMillis(1500), DaprTimes.duration("d", "1.5s"));
        assertEquals(Duration.ZERO, DaprTimes.duration("d", "0"));
    }

    @Test
    void isoDurationsAndRepetitions() {
        assertEquals(Duration.ofSeconds(90), DaprTimes.duration("d", "PT1M30S"));
        assertEquals(Duration.ofDays(9).plusHours(2), DaprTimes.duration("d", "P1W2DT2H"));
        assertEquals(new DaprTimes.Period(Duration.ofSeconds(90), 5), DaprTimes.period("R5/PT1M30S"));
        assertEquals(new DaprTimes.Period(Duration.ofSeconds(10), -1), DaprTimes.period("10s"));
    }

    @Test
    void badFormatsAreRefused() {
        for (String bad : new String[] {"soon", "1x", "P", "PT", "-1s", "1h x"}) {
            assertEquals(ActorException.Reason.BAD_SCHEDULE, assertThrows(ActorException.class, () -> DaprTimes.duration("d", bad)).reason(), bad);
        }
        assertThrows(ActorException.class, () -> DaprTimes.period("R0/PT1S"));
        assertThrows(ActorException.class, () -> DaprTimes.instantOrDelay("dueTime", "R2/PT1S", now));
    }

    @Test
    void schedules() {
        Schedule s = Schedule.parse(new ScheduleSpec("2026-01-01T00:01:00Z", "R2/PT1M", "", null, null), now);
        assertEquals(Instant.parse("2026-01-01T00:01:00Z"), s.firstDue());
        assertEquals(2, s.repetitions());
        assertEquals(Instant.parse("2026-01-01T00:02:00Z"), s.next(s.firstDue(), 1, now));
        assertNull(s.next(s.firstDue(), 0, now));
        Schedule once = Schedule.parse(new ScheduleSpec("", "", "", null, null), now);
        assertEquals(now, once.firstDue());
        assertNull(once.interval());
        assertThrows(ActorException.class, () -> Schedule.parse(new ScheduleSpec("1s", "", "2025-01-01T00:00:00Z", null, null), now));
        Schedule ttl = Schedule.parse(new ScheduleSpec("1s", "1s", "2500ms", null, null), now);
        assertTrue(ttl.next(now.plusSeconds(2), -1, now.plusSeconds(2)) == null);
    }
}
