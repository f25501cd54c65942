// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.connector.InvalidConfigException;
import java.util.Locale;

/** The values of the key/value {@code backend} config property. */
public enum KeyValueBackend {
    MEMORY,
    REDIS;

    /** Parses {@code memory} or {@code redis}, ignoring case and surrounding blanks. */
    public static KeyValueBackend parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "memory" -> MEMORY;
            case "redis" -> REDIS;
            default -> throw new InvalidConfigException(
                    "backend", "'" + value + "' is not a key/value backend: use memory or redis");
        };
    }
}
