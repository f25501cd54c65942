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

        /** {@code first-write} or {@code last-write}; null or empty for none. */
        public static Concurrency parse(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "first-write" -> FIRST_WRITE;
                case "last-write" -> LAST_WRITE;
                default -> throw new InvalidStateRequestException(
                        "concurrency '" + value + "' is neither first-write nor last-write");
            };
        }
    }

    public enum Consistency {
        EVENTUAL,
        STRONG;

        /** {@code eventual} or {@code strong}; null or empty for none. */
        public static Consistency parse(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "eventual" -> EVENTUAL;
                case "strong" -> STRONG;
                default -> throw new InvalidStateRequestException(
                        "consistency '" + value + "' is neither eventual nor strong");
            };
        }
    }
}
