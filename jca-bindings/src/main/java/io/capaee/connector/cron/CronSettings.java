// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.cron;

import io.capaee.api.InvalidValueException;
import io.capaee.api.config.CronSchedule;
import io.capaee.connector.InvalidConfigException;
import java.time.ZoneId;

/** A schedule and the time zone its cron expression is read in. */
public record CronSettings(CronSchedule schedule, ZoneId zone) {

    /**
     * From the activation spec's {@code schedule} and {@code timeZone} (blank: UTC).
     *
     * @throws InvalidConfigException naming the property whose value cannot work
     */
    public static CronSettings of(String schedule, String timeZone) {
        CronSchedule parsed;
        try {
            parsed = CronSchedule.parse(schedule);
        } catch (InvalidValueException e) {
            throw new InvalidConfigException(e.field(), e.problem());
        }
        try {
            return new CronSettings(parsed, ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip()));
        } catch (RuntimeException e) {
            throw new InvalidConfigException("timeZone", "'" + timeZone + "' is not a time zone id: " + e.getMessage());
        }
    }
}
