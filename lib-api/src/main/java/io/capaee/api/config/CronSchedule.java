// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import io.capaee.api.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A schedule as Dapr's cron binding takes it: {@code @every <n><ms|s|m|h>}, {@code @hourly},
 * {@code @daily}, {@code @weekly}, {@code @monthly}, or a cron expression of 5 fields (minute hour
 * day-of-month month day-of-week) or 6 (seconds first). Fields take {@code *}, numbers, ranges
 * {@code a-b}, lists {@code a,b} and steps {@code * /n} or {@code a-b/n}; day-of-week 0-7 with 0 and
 * 7 Sunday. When both day fields are restricted, either may match (as in cron). The cron input binding
 * and the jobs API read their schedules with it; a refusal is an {@link InvalidValueException} of the
 * field {@code schedule}.
 */
public final class CronSchedule {
    private static final int SEARCH_MINUTES = 366 * 24 * 60 * 5;

    private final String text;
    private final Duration every;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronSchedule(String text, Duration every, String[] fields) {
        this.text = text;
        this.every = every;
        if (fields == null) {
            seconds = minutes = hours = days = months = weekdays = null;
            daysRestricted = weekdaysRestricted = false;
            return;
        }
        int offset = fields.length == 6 ? 1 : 0;
        seconds = offset == 1 ? field(fields[0], 0, 59, "seconds") : single(0);
        minutes = field(fields[offset], 0, 59, "minutes");
        hours = field(fields[offset + 1], 0, 23, "hours");
        days = field(fields[offset + 2], 1, 31, "day of month");
        months = field(fields[offset + 3], 1, 12, "month");
        BitSet dow = field(fields[offset + 4], 0, 7, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        weekdays = dow;
        daysRestricted = !fields[offset + 2].equals("*");
        weekdaysRestricted = !fields[offset + 4].equals("*");
    }

    public static CronSchedule parse(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            throw new InvalidValueException("schedule", "must be set, e.g. '@every 30s' or '0 */5 * * * *'");
        }
        String text = schedule.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "@hourly": return new CronSchedule(text, null, "0 * * * *".split(" "));
            case "@daily", "@midnight": return new CronSchedule(text, null, "0 0 * * *".split(" "));
            case "@weekly": return new CronSchedule(text, null, "0 0 * * 0".split(" "));
            case "@monthly": return new CronSchedule(text, null, "0 0 1 * *".split(" "));
            default: break;
        }
        if (lower.startsWith("@every ")) {
            return new CronSchedule(text, duration(lower.substring(7).strip()), null);
        }
        String[] fields = text.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new InvalidValueException("schedule", "'" + text + "' has " + fields.length
                    + " fields; a cron expression has 5 or 6 (seconds first)");
        }
        return new CronSchedule(text, null, fields);
    }

    /**
     * The first tick strictly after {@code after} that every server computes alike: an {@code @every}
     * period counts from the epoch (a whole multiple of it), not from {@code after}; a cron expression's
     * ticks are {@link #next}'s.
     */
    public ZonedDateTime nextAligned(ZonedDateTime after) {
        if (every == null) {
            return next(after);
        }
        long period = every.toMillis();
        long millis = after.toInstant().toEpochMilli();
        long due = Math.floorDiv(millis, period) * period + period;
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(due), after.getZone());
    }

    /** The first tick strictly after {@code after}. */
    public ZonedDateTime next(ZonedDateTime after) {
        if (every != null) {
            return after.plus(every);
        }
        ZonedDateTime minute = after.truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < SEARCH_MINUTES; i++, minute = minute.plusMinutes(1)) {
            if (!matchesMinute(minute)) {
                continue;
            }
            for (int s = seconds.nextSetBit(0); s >= 0; s = seconds.nextSetBit(s + 1)) {
                ZonedDateTime candidate = minute.withSecond(s);
                if (candidate.isAfter(after)) {
                    return candidate;
                }
            }
        }
        throw new InvalidValueException("schedule", "'" + text + "' never fires");
    }

    private boolean matchesMinute(ZonedDateTime t) {
        if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
            return false;
        }
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (daysRestricted && weekdaysRestricted) {
            return day || weekday;
        }
        return day && weekday;
    }

    private static Duration duration(String text) {
        try {
            return positive(Durations.parse(text), text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("schedule", "'@every " + text + "' needs a duration like 500ms, 30s, 5m, 1h");
        }
    }

    private static Duration positive(Duration duration, String text) {
        if (duration.compareTo(Duration.ofMillis(100)) < 0) {
            throw new InvalidValueException("schedule", "'@every " + text + "' is shorter than 100ms");
        }
        return duration;
    }

    private static BitSet single(int value) {
        BitSet set = new BitSet();
        set.set(value);
        return set;
    }

    private static BitSet field(String field, int min, int max, String name) {
        BitSet set = new BitSet();
        for (String part : field.split(",")) {
            try {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    range = part.substring(0, slash);
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                    to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
                } else {
                    from = Integer.parseInt(range);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to || step < 1) {
                    throw new NumberFormatException();
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new InvalidValueException("schedule", "'" + part + "' is not a valid " + name + " field ("
                        + min + "-" + max + ")");
            }
        }
        return set;
    }

    @Override
    public String toString() {
        return text;
    }
}
