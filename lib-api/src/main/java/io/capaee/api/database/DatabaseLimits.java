// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.InvalidValueException;
import java.util.Optional;
import java.util.function.Function;

/**
 * What bounds every statement of a database: how long it may run (JDBC's query timeout, which the
 * driver enforces on the server: PostgreSQL cancels it, MariaDB's {@code max_statement_time}), and
 * how many rows a query may answer (one more is an error, not a silent cut), and how many statements
 * a transaction may hold.
 */
public record DatabaseLimits(int timeoutSeconds, int maxRows, int maxStatements) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_MAX_ROWS = 1000;
    public static final int DEFAULT_MAX_STATEMENTS = 100;
    public static final DatabaseLimits DEFAULTS = new DatabaseLimits(DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_ROWS, DEFAULT_MAX_STATEMENTS);

    public DatabaseLimits {
        if (timeoutSeconds < 1 || maxRows < 1 || maxStatements < 1) {
            throw new IllegalArgumentException("database limits must be at least 1: timeout " + timeoutSeconds
                    + " s, rows " + maxRows + ", statements " + maxStatements);
        }
    }

    /**
     * The limits of database {@code name} from settings: {@code capa.database.NAME.timeout-seconds},
     * {@code capa.database.NAME.max-rows} and {@code capa.database.NAME.max-statements}, each falling
     * back to the server-wide {@code capa.database.timeout-seconds}, {@code capa.database.max-rows} and
     * {@code capa.database.max-statements}, then to the defaults.
     *
     * @param settings a setting's value by its name, empty when it is not set
     * @throws InvalidValueException when a value is not a whole number of at least 1
     */
    public static DatabaseLimits of(String name, Function<String, Optional<String>> settings) {
        return new DatabaseLimits(
                setting(name, "timeout-seconds", DEFAULT_TIMEOUT_SECONDS, settings),
                setting(name, "max-rows", DEFAULT_MAX_ROWS, settings),
                setting(name, "max-statements", DEFAULT_MAX_STATEMENTS, settings));
    }

    private static int setting(String name, String limit, int fallback, Function<String, Optional<String>> settings) {
        String own = "capa.database." + name + "." + limit;
        String shared = "capa.database." + limit;
        Optional<String> value = settings.apply(own).filter(v -> !v.isBlank());
        String key = own;
        if (value.isEmpty()) {
            value = settings.apply(shared).filter(v -> !v.isBlank());
            key = shared;
        }
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get().trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the setting's name
        }
        throw new InvalidValueException(key, "must be a whole number of at least 1, got '" + value.get() + "'");
    }
}
