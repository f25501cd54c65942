// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void goDurationsOfOneOrMoreParts() {
        assertParses(Map.of("500ms", Duration.ofMillis(500), "10s", Duration.ofSeconds(10), "1h30m", Duration.ofMinutes(90),
                "0h0m3s0ms", Duration.ofSeconds(3), "1.5s", Duration.ofMillis(1500), "2us500ns", Duration.ofNanos(2500),
                "7µs", Duration.ofNanos(7000), "0", Duration.ZERO, "  5s ", Duration.ofSeconds(5)));
    }

    @Test
    void isoDurationsWithDaprsWeeksMonthsAndYears() {
        assertParses(Map.of("PT0.25S", Duration.ofMillis(250), "PT10M", Duration.ofMinutes(10), "P1DT2H", Duration.ofHours(26),
                "P2W", Duration.ofDays(14), "P1Y1M", Duration.ofDays(365 + 30), "pt30s", Duration.ofSeconds(30)));
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        for (String bad : new String[] {"", " ", "10", "5x", "s", "1h-5m", "-1s", "P", "PT", "PT-1S", "P1H", "soon", "1.2.3s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertFalse(Durations.valid(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    }

    @Test
    void theConfigConverterUsesTheSameGrammar() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofMillis(200), converter.convert("200ms"));
        assertEquals(Duration.ofSeconds(60), converter.convert("PT60S"));
        assertEquals(null, converter.convert(""));
        assertThrows(IllegalArgumentException.class, () -> converter.convert("60"));
    }

    private static void assertParses(Map<String, Duration> cases) {
        cases.forEach((text, expected) -> assertEquals(expected, Durations.parse(text), text));
    }
}
