// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.schedule;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * A parsed reminder or timer schedule, checked at registration so that a bad one is refused then
 * and never fails when it fires.
 *
 * @param firstDue when it first fires
 * @param interval the period; {@code null} when it fires once
 * @param repetitions how many firings in all; -1 for no limit
 * @param expiresAt after this it stops and is removed; {@code null} for never
 */
public record Schedule(Instant firstDue, Duration interval, int repetitions, Instant expiresAt) {
    /** Parses Dapr's {@code dueTime}, {@code period} and {@code ttl} relative to {@code now}. */
    public static Schedule parse(ScheduleSpec spec, Instant now) {
        Instant due = blank(spec.dueTime()) ? now : DaprTimes.instantOrDelay("dueTime", spec.dueTime(), now);
        Duration interval = null;
        int repetitions = 1;
        if (!blank(spec.period())) {
            DaprTimes.Period period = DaprTimes.period(spec.period());
            interval = period.interval();
            repetitions = period.repetitions();
            if (interval.isZero() && repetitions != 1) {
                throw bad("period '" + spec.period() + "' is zero");
            }
            if (interval.isZero()) {
                interval = null;
            }
        }
        Instant expires = blank(spec.ttl()) ? null : DaprTimes.instantOrDelay("ttl", spec.ttl(), now);
        if (expires != null && !expires.isAfter(now)) {
            throw bad("ttl '" + spec.ttl() + "' has already expired");
        }
        if (expires != null && expires.isBefore(due)) {
            throw bad("ttl '" + spec.ttl() + "' expires before the due time");
        }
        return new Schedule(due.isBefore(now) ? now : due, interval, repetitions, expires);
    }

    /** A Java-API schedule: a delay and an optional period. */
    public static Schedule of(Duration dueTime, Duration period, Instant now) {
        if (dueTime == null || dueTime.isNegative()) {
            throw bad("dueTime must be zero or positive");
        }
        if (period != null && (period.isNegative() || period.isZero())) {
            throw bad("period must be positive, or null to fire once");
        }
        return new Schedule(now.plus(dueTime), period, period == null ? 1 : -1, null);
    }

    /**
     * The next due time after a firing that was due at {@code fired}, with {@code remaining}
     * firings left before it; {@code null} when it is finished. Missed periods are not made up for:
     * after a late firing (e.g. the one at start for a reminder due while the server was down) the
     * next one is a full period after {@code now}.
     */
    public Instant next(Instant fired, int remainingAfterThis, Instant now) {
        if (interval == null || remainingAfterThis == 0) {
            return null;
        }
        Instant next = fired.plus(interval);
        if (next.isBefore(now)) {
            next = now.plus(interval);
        }
        if (expiresAt != null && next.isAfter(expiresAt)) {
            return null;
        }
        return next;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static ActorException bad(String message) {
        return new ActorException(ActorException.Reason.BAD_SCHEDULE, message);
    }
}
