// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.store;

import io.capaee.connector.InvalidConfigException;
import java.util.Locale;

/** The values of a store's {@code backend} config property, for every kind of store. */
public enum StoreBackend {
    MEMORY,
    REDIS;

    /** Parses {@code memory} or {@code redis}, ignoring case and surrounding blanks. */
    public static StoreBackend parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "memory" -> MEMORY;
            case "redis" -> REDIS;
            default -> throw new InvalidConfigException("backend", "'" + value + "' is not a store backend: use memory or redis");
        };
    }
}
