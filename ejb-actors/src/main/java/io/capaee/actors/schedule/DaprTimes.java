// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.schedule;

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
    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
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

    /** A Go or ISO-8601 duration; never negative. */
    public static Duration duration(String field, String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw Schedule.bad(field + " is empty");
        }
        if (t.startsWith("P")) {
            return iso(field, t);
        }
        return go(field, t);
    }

    private static Duration iso(String field, String t) {
        Matcher m = ISO.matcher(t);
        if (!m.matches() || t.equals("P") || t.endsWith("T")) {
            throw Schedule.bad(field + " '" + t + "' is not an ISO-8601 duration");
        }
        // years and months have no fixed length; Dapr counts them as 365 and 30 days
        long days = num(m.group(1)) * 365 + num(m.group(2)) * 30 + num(m.group(3)) * 7 + num(m.group(4));
        Duration d = Duration.ofDays(days).plusHours(num(m.group(5))).plusMinutes(num(m.group(6)));
        if (m.group(7) != null) {
            d = d.plusNanos(Math.round(Double.parseDouble(m.group(7)) * 1e9));
        }
        return d;
    }

    private static Duration go(String field, String t) {
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = GO_PART.matcher(t);
        int at = 0;
        Duration d = Duration.ZERO;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw Schedule.bad(field + " '" + t + "' is not a duration (Go like 1h30m, or ISO-8601 like PT1H30M)");
            }
            double value = Double.parseDouble(m.group(1));
            double nanos = switch (m.group(2)) {
                case "ns" -> value;
                case "us", "µs" -> value * 1e3;
                case "ms" -> value * 1e6;
                case "s" -> value * 1e9;
                case "m" -> value * 60e9;
                default -> value * 3600e9;
            };
            d = d.plusNanos(Math.round(nanos));
            at = m.end();
        }
        return d;
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }
}
