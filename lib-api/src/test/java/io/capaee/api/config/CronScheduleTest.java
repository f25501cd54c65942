// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.InvalidValueException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final ZonedDateTime T = ZonedDateTime.of(2026, 11, 23, 14, 7, 30, 0, ZoneOffset.UTC); // a Monday

    @Test
    void everyAddsItsDuration() {
        assertEquals(T.plusSeconds(30), CronSchedule.parse("@every 30s").next(T));
        assertEquals(T.plusNanos(500_000_000), CronSchedule.parse("@every 500ms").next(T));
        assertEquals(T.plusHours(2), CronSchedule.parse("@every 2h").next(T));
    }

    @Test
    void alignedEveryCountsFromTheEpochSoThatEveryServerComputesTheSameTicks() {
        CronSchedule every = CronSchedule.parse("@every 30s");
        ZonedDateTime t = ZonedDateTime.of(2026, 3, 1, 10, 0, 7, 0, ZoneOffset.UTC);
        assertEquals(t.withSecond(30), every.nextAligned(t));
        assertEquals(t.withSecond(30), every.nextAligned(t.withSecond(29)));
        assertEquals(t.withMinute(1).withSecond(0), every.nextAligned(t.withSecond(30)), "strictly after");
        CronSchedule minutes = CronSchedule.parse("0 */5 * * * *");
        assertEquals(minutes.next(t), minutes.nextAligned(t));
    }

    @Test
    void fiveFieldExpressionsFireOnTheMinute() {
        assertEquals(T.withMinute(10).withSecond(0), CronSchedule.parse("*/5 * * * *").next(T));
        assertEquals(ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, ZoneOffset.UTC), CronSchedule.parse("@daily").next(T));
        assertEquals(ZonedDateTime.of(2026, 11, 29, 0, 0, 0, 0, ZoneOffset.UTC), CronSchedule.parse("@weekly").next(T),
                "next Sunday");
        assertEquals(ZonedDateTime.of(2026, 11, 23, 18, 0, 0, 0, ZoneOffset.UTC),
                CronSchedule.parse("0 9-18/9 * * 1-5").next(T));
    }

    @Test
    void sixFieldExpressionsHaveSecondsFirst() {
        assertEquals(T.withSecond(45), CronSchedule.parse("15,45 * * * * *").next(T));
        assertEquals(T.withMinute(8).withSecond(0), CronSchedule.parse("0 * * * * *").next(T));
    }

    @Test
    void badSchedulesNameTheProblem() {
        assertTrue(assertThrows(InvalidValueException.class, () -> CronSchedule.parse("* * *")).getMessage()
                .contains("5 or 6"));
        assertTrue(assertThrows(InvalidValueException.class, () -> CronSchedule.parse("61 * * * *")).getMessage()
                .contains("minutes"));
        assertThrows(InvalidValueException.class, () -> CronSchedule.parse("@every soon"));
        assertThrows(InvalidValueException.class, () -> CronSchedule.parse("@every 1ms"));
        assertThrows(InvalidValueException.class, () -> CronSchedule.parse(""));
    }
}
