// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.InvalidConfigException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronSettingsTest {
    @Test
    void aBadScheduleOrTimeZoneNamesItsProperty() {
        assertEquals("schedule", assertThrows(InvalidConfigException.class, () -> CronSettings.of("61 * * * *", "")).property());
        assertEquals("timeZone", assertThrows(InvalidConfigException.class, () -> CronSettings.of("@hourly", "Mars/Olympus")).property());
        assertEquals(ZoneId.of("UTC"), CronSettings.of("@hourly", " ").zone());
    }
}
