// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One statement of a transaction: what it is run as, its SQL, and the values of its {@code ?}
 * placeholders in order.
 */
public record SqlStatement(Operation operation, String sql, List<Object> params) {
    /** How a statement is run, and so what it answers. */
    public enum Operation {
        /** answers rows ({@link QueryResult}) */
        QUERY,
        /** answers the rows affected ({@link ExecResult}) */
        EXEC;

        /** The lower-case name of the HTTP API ({@code query}, {@code exec}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SqlStatement {
        Objects.requireNonNull(operation, "operation");
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("a statement needs SQL");
        }
        // a copy that keeps nulls (List.copyOf refuses them, and SQL NULL is a value here)
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static SqlStatement query(String sql, Object... params) {
        return new SqlStatement(Operation.QUERY, sql, Arrays.asList(params));
    }

    public static SqlStatement exec(String sql, Object... params) {
        return new SqlStatement(Operation.EXEC, sql, Arrays.asList(params));
    }
}
