// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of durations, in settings, connector documents, schedules and the Dapr actor API:
 * Go's ({@code 500ms}, {@code 10s}, {@code 1h30m}, {@code 1.5s}, {@code 0}; units {@code ns},
 * {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}) or ISO-8601 ({@code PT0.25S},
 * {@code P1DT2H}, {@code P2W}; years and months count as 365 and 30 days, as Dapr counts them).
 * Never negative. A bare number other than {@code 0} is refused: its unit would be a guess.
 */
public final class Durations {
    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private Durations() {}

    /** True when {@link #parse} takes {@code text}. */
    public static boolean valid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @throws IllegalArgumentException naming the text and the two forms when it is neither */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        Duration d = t.startsWith("P") || t.startsWith("p") ? iso(t.toUpperCase(Locale.ROOT)) : go(t);
        if (d == null) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use Go's form (500ms, 10s, 1h30m)"
                    + " or ISO-8601 (PT0.5S, PT10M)");
        }
        return d;
    }

    private static Duration iso(String t) {
        Matcher m = ISO.matcher(t);
        if (!m.matches() || t.equals("P") || t.endsWith("T")) {
            return null;
        }
        long days = num(m.group(1)) * 365 + num(m.group(2)) * 30 + num(m.group(3)) * 7 + num(m.group(4));
        Duration d = Duration.ofDays(days).plusHours(num(m.group(5))).plusMinutes(num(m.group(6)));
        return m.group(7) == null ? d : d.plusNanos(Math.round(Double.parseDouble(m.group(7)) * 1e9));
    }

    private static Duration go(String t) {
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.isEmpty()) {
            return null;
        }
        Matcher m = GO_PART.matcher(t);
        Duration d = Duration.ZERO;
        for (int at = 0; at < t.length(); at = m.end()) {
            if (!m.find(at) || m.start() != at) {
                return null;
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
        }
        return d;
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }
}
