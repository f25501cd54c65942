// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.actors.schedule.DaprTimes;
import io.capaee.api.InvalidValueException;
import io.capaee.api.actors.ActorException;
import io.capaee.api.config.CronSchedule;
import io.capaee.api.jobs.JobSpec;
import java.time.Instant;
import java.time.ZoneOffset;

/** When a job fires: its first due time, its expiry, and the due time after a firing. Schedules are read in UTC. */
final class JobTimes {
    private JobTimes() {}

    /** The first due time: {@code dueTime}, else the schedule's first tick after {@code now}; never before {@code now}. */
    static Instant first(JobSpec spec, Instant now) {
        if (spec.dueTime() == null) {
            return tick(spec, now);
        }
        Instant due = instant("dueTime", spec.dueTime(), now);
        return due.isBefore(now) ? now : due;
    }

    /** When the ttl ends the job, or {@code null}; refused when it has ended already or ends before the first firing. */
    static Instant expiry(JobSpec spec, Instant first, Instant now) {
        if (spec.ttl() == null) {
            return null;
        }
        Instant expires = instant("ttl", spec.ttl(), now);
        if (!expires.isAfter(now)) {
            throw new InvalidValueException("ttl", "'" + spec.ttl() + "' has already expired");
        }
        if (expires.isBefore(first)) {
            throw new InvalidValueException("ttl", "'" + spec.ttl() + "' ends before the job first fires (" + first + ")");
        }
        return expires;
    }

    /**
     * The due time after the firing due at {@code due}, {@code job} counting that firing; {@code null}
     * when the job is finished (no schedule, its repeats used up, or its ttl reached). Ticks missed
     * while the server was down are not made up for: the next one is the first after {@code now}.
     */
    static Instant next(StoredJob job, Instant due, Instant now) {
        JobSpec spec = job.spec();
        if (spec.schedule() == null || (spec.repeats() > 0 && job.fired() >= spec.repeats())) {
            return null;
        }
        Instant next = tick(spec, due.isAfter(now) ? due : now);
        return job.expiresAt() != null && next.isAfter(job.expiresAt()) ? null : next;
    }

    /** Whether the job's ttl has ended at {@code now}. */
    static boolean expired(StoredJob job, Instant now) {
        return job.expiresAt() != null && now.isAfter(job.expiresAt());
    }

    private static Instant tick(JobSpec spec, Instant after) {
        return CronSchedule.parse(spec.schedule()).next(after.atZone(ZoneOffset.UTC)).toInstant();
    }

    private static Instant instant(String field, String text, Instant now) {
        try {
            return DaprTimes.instantOrDelay(field, text, now);
        } catch (ActorException e) {
            // Dapr's time grammar is the actors'; its refusal names the field first, as ours does
            throw new InvalidValueException(field, e.getMessage().startsWith(field + " ") ? e.getMessage().substring(field.length() + 1) : e.getMessage());
        }
    }
}
