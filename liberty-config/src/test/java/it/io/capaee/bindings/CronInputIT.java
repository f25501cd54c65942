// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cron input binding ({@code CronInputBinding} bean, {@code @every 1s} in the tests) posts its ticks to the app. */
class CronInputIT {

    @Test
    void ticksArriveAboutOncePerSecond() throws Exception {
        try (InputApp app = new InputApp()) {
            List<InputApp.Event> ticks = app.await("/cron-input", Duration.ofSeconds(30), list -> list.size() >= 4);
            assertTrue(ticks.size() >= 4, "ticks: " + ticks.size());
            assertEquals("@every 1s", ticks.get(0).headers().get("schedule"));
            assertEquals("", ticks.get(0).body(), "a tick has no payload");
            OffsetDateTime first = OffsetDateTime.parse(ticks.get(0).headers().get("time"));
            OffsetDateTime fourth = OffsetDateTime.parse(ticks.get(3).headers().get("time"));
            long millis = Duration.between(first, fourth).toMillis();
            assertTrue(millis >= 2500 && millis <= 6000, "3 intervals took " + millis + " ms");
        }
    }
}
