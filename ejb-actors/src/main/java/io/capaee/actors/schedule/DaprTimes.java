// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.schedule;

import io.capaee.api.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dapr's time grammar (runtime-api spec 1.7 and 3.2.3): RFC3339 absolute times, Go durations
 * ({@code 1h30m}, {@code 500ms}, {@code 0h0m3s0ms}) and ISO-8601 durations
 * ({@code P1DT2H}, {@code P2W}) with an optional {@code Rn/} repetition prefix for periods.
 */
public final class DaprTimes {
    private static final Pattern REPEAT = Pattern.compile("R(\\d+)/(.*)");

    private DaprTimes() {}

    /** A period with its repetitions (-1: no limit). */
    public record Period(Duration interval, int repetitions) {}

    public static Period period(String text) {
        Matcher m = REPEAT.matcher(text.trim());
        if (m.matches()) {
            int n;
            try {
                n = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                throw Schedule.bad("repetitions in period '" + text + "' are out of range");
            }
            if (n <= 0) {
                throw Schedule.bad("period '" + text + "' has zero repetitions");
            }
            return new Period(duration("period", m.group(2)), n);
        }
        return new Period(duration("period", text), -1);
    }

    /** An RFC3339 time, or a delay from {@code now}; repetitions are refused here. */
    public static Instant instantOrDelay(String field, String text, Instant now) {
        String t = text.trim();
        if (t.startsWith("R")) {
            throw Schedule.bad(field + " '" + text + "': repetitions are not allowed");
        }
        if (t.length() > 10 && Character.isDigit(t.charAt(0)) && t.charAt(4) == '-') {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                throw Schedule.bad(field + " '" + text + "' is not an RFC3339 time");
            }
        }
        return now.plus(duration(field, t));
    }

    /** A Go or ISO-8601 duration ({@link Durations}); never negative. */
    public static Duration duration(String field, String text) {
        if (text.isBlank()) {
            throw Schedule.bad(field + " is empty");
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw Schedule.bad(field + " " + e.getMessage());
        }
    }
}
