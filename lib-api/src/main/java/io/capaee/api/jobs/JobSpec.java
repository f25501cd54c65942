// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.jobs;

import io.capaee.api.InvalidValueException;
import io.capaee.api.actors.EventTarget;
import io.capaee.api.actors.InvalidTargetException;
import io.capaee.api.config.CronSchedule;

/**
 * A job as it is scheduled, in Dapr's terms. The times relative to "now" ({@code dueTime}, {@code ttl})
 * are read when the job is scheduled, by the scheduler; everything else is checked here.
 *
 * @param name a letter or digit, then up to 99 letters, digits, {@code .}, {@code _} or {@code -}
 * @param schedule when it repeats: a cron expression of 5 or 6 fields (seconds first), {@code @every 10s},
 *        {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly} ({@link CronSchedule}), read
 *        in UTC; {@code null} for a job that fires once, at {@code dueTime}
 * @param dueTime when it first fires: an RFC3339 time or a delay ({@code 10s}, {@code PT10S});
 *        {@code null} for the schedule's first tick
 * @param repeats how many times it fires in all; 0 for no limit (a job without a schedule fires once)
 * @param ttl when it ends: an RFC3339 time or a delay from scheduling; {@code null} for never
 * @param data the JSON payload delivered at every firing, or {@code null}
 * @param target where it is delivered ({@link EventTarget}); {@code null} for the application's
 *        {@code POST /job/{name}} (Dapr's job callback)
 * @throws InvalidValueException naming the field that cannot work
 */
public record JobSpec(String name, String schedule, String dueTime, int repeats, String ttl, String data, String target) {
    public JobSpec {
        if (!EventTarget.isName(name)) {
            throw new InvalidValueException("name", "'" + (name == null ? "" : name)
                    + "' is not a letter or digit followed by up to 99 letters, digits, '.', '_' or '-'");
        }
        schedule = blankToNull(schedule);
        dueTime = blankToNull(dueTime);
        ttl = blankToNull(ttl);
        target = blankToNull(target);
        if (schedule == null && dueTime == null) {
            throw new InvalidValueException("schedule", "a job needs a schedule, a dueTime or both");
        }
        if (schedule != null) {
            CronSchedule.parse(schedule);
        }
        if (repeats < 0) {
            throw new InvalidValueException("repeats", repeats + " is negative; 0 means no limit");
        }
        if (target != null) {
            try {
                EventTarget.parse(target);
            } catch (InvalidTargetException e) {
                throw new InvalidValueException("target", e.getMessage());
            }
        }
    }

    /** Whether it fires more than once (it has a schedule, and no limit or a limit above one). */
    public boolean repeating() {
        return schedule != null && repeats != 1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
