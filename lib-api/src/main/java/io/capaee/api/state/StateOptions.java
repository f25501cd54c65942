// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import java.util.Locale;

/**
 * Dapr's per-request options. {@code null} fields mean "not given": an ETag, when given, is then
 * checked. Consistency is accepted and validated; both stores here are strongly consistent.
 */
public record StateOptions(Concurrency concurrency, Consistency consistency) {
    public static final StateOptions DEFAULT = new StateOptions(null, null);

    public enum Concurrency {
        FIRST_WRITE,
        LAST_WRITE;

        /** {@code first-write} or {@code last-write}, in any case; null or empty for none. */
        public static Concurrency parse(String value) {
            return option("concurrency", value, values());
        }
    }

    public enum Consistency {
        EVENTUAL,
        STRONG;

        /** {@code eventual} or {@code strong}, in any case; null or empty for none. */
        public static Consistency parse(String value) {
            return option("consistency", value, values());
        }
    }

    /** The one of the two {@code choices} Dapr spells {@code value} (lower case, '-' for '_'). */
    private static <E extends Enum<E>> E option(String name, String value, E[] choices) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String spelled = value.toLowerCase(Locale.ROOT);
        for (E choice : choices) {
            if (dapr(choice).equals(spelled)) {
                return choice;
            }
        }
        throw new InvalidStateRequestException(
                name + " '" + value + "' is neither " + dapr(choices[0]) + " nor " + dapr(choices[1]));
    }

    private static String dapr(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
