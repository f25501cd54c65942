// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that differs between PostgreSQL and MariaDB for {@link SqlStateBackend}. A table holds
 * {@code id} (the namespaced key), {@code value} (the JSON text as sent, so it reads back byte for
 * byte), {@code version} (from the sequence {@code TABLE_version}, so an ETag is never handed out
 * twice) and {@code expires_at} (null: no TTL), on the database's clock so that servers whose
 * clocks differ agree on what expired. MariaDB keys compare as binary (utf8mb4_bin): its default
 * collation would make {@code Order} and {@code order} one key.
 */
enum SqlDialect {
    POSTGRESQL("now()", "? * interval '1 second'") {
        @Override
        List<String> create(String table) {
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + " (id text PRIMARY KEY, value text NOT NULL,"
                            + " version bigint NOT NULL, expires_at timestamptz)",
                    "CREATE INDEX IF NOT EXISTS " + table + "_expires ON " + table + " (expires_at)",
                    "CREATE SEQUENCE IF NOT EXISTS " + table + "_version");
        }

        @Override
        String upsert(String table) {
            return insert(table) + " ON CONFLICT (id) DO UPDATE SET value = excluded.value,"
                    + " version = excluded.version, expires_at = excluded.expires_at";
        }

        @Override
        String nextVersion(String table) {
            return "nextval('" + table + "_version')";
        }

        @Override
        boolean duplicateKey(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    },
    MARIADB("UTC_TIMESTAMP(3)", "INTERVAL ? SECOND") {
        @Override
        List<String> create(String table) {
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(700) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                            + " PRIMARY KEY, value LONGTEXT CHARACTER SET utf8mb4 NOT NULL, version BIGINT NOT NULL,"
                            + " expires_at DATETIME(3) NULL, INDEX " + table + "_expires (expires_at)) ENGINE=InnoDB",
                    "CREATE SEQUENCE IF NOT EXISTS " + table + "_version");
        }

        @Override
        String upsert(String table) {
            return insert(table) + " ON DUPLICATE KEY UPDATE value = VALUES(value), version = VALUES(version),"
                    + " expires_at = VALUES(expires_at)";
        }

        @Override
        String nextVersion(String table) {
            return "NEXTVAL(" + table + "_version)";
        }

        @Override
        boolean duplicateKey(SQLException e) {
            return e.getErrorCode() == 1062;
        }
    };

    private final String now;
    private final String seconds;

    SqlDialect(String now, String seconds) {
        this.now = now;
        this.seconds = seconds;
    }

    /** The statements that create the table and its sequence when missing. */
    abstract List<String> create(String table);

    /** Insert-or-replace of one entry: parameters id, value, TTL in seconds (null: none). */
    abstract String upsert(String table);

    abstract String nextVersion(String table);

    /** Whether {@code e} is a primary-key violation (a first-write that lost to another one). */
    abstract boolean duplicateKey(SQLException e);

    /** Insert of a new entry, failing on an existing one: parameters as {@link #upsert}. */
    String insert(String table) {
        return "INSERT INTO " + table + " (id, value, version, expires_at) VALUES (?, ?, " + nextVersion(table)
                + ", " + now + " + " + seconds + ")";
    }

    /** The live entries among {@code count} keys: id, value, version. */
    String select(String table, int count) {
        return "SELECT id, value, version FROM " + table + " WHERE id IN (" + marks(count) + ") AND " + live();
    }

    /** Locks the rows of {@code count} keys, in key order (so two writers never wait on each other in a circle). */
    String lock(String table, int count) {
        return "SELECT id, version, " + live() + " FROM " + table + " WHERE id IN (" + marks(count)
                + ") ORDER BY id FOR UPDATE";
    }

    /**
     * Up to a number of live entries whose id is LIKE a pattern ({@link #likePrefix}), after an id, in id order:
     * id, value, version. Parameters: the pattern, the id to start after, the number.
     */
    String scan(String table) {
        return "SELECT id, value, version FROM " + table + " WHERE id LIKE ? ESCAPE '!' AND id > ? AND " + live()
                + " ORDER BY id LIMIT ?";
    }

    /** The LIKE pattern of the ids that start with {@code prefix}: its wildcards and the escape character escaped. */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    String delete(String table) {
        return "DELETE FROM " + table + " WHERE id = ?";
    }

    String deleteExpired(String table) {
        return "DELETE FROM " + table + " WHERE expires_at <= " + now;
    }

    private String live() {
        return "(expires_at IS NULL OR expires_at > " + now + ")";
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** The dialect of a {@code backend} value, or null when it names none. */
    static SqlDialect of(String backend) {
        for (SqlDialect d : values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(backend)) {
                return d;
            }
        }
        return null;
    }

    String backendName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
