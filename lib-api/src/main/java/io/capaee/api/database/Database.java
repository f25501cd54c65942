// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import java.util.List;

/**
 * One named database: SQL with bound parameters, under the database's {@link DatabaseLimits}.
 * Thread-safe; every call takes a pooled connection and gives it back before it returns.
 *
 * <p>Parameters are Java values: {@code String}, {@code Long}/{@code Integer}, {@code BigDecimal},
 * {@code Double}, {@code Boolean}, {@code byte[]}, {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}, or null.
 */
public interface Database {
    /** The name it is configured under ({@code jdbc/capa/NAME}). */
    String name();

    /** The rows of a statement that returns rows. */
    QueryResult query(String sql, List<?> params) throws DatabaseException;

    /** Runs a statement that changes data or schema; answers the rows it affected. */
    ExecResult exec(String sql, List<?> params) throws DatabaseException;

    /**
     * Runs the statements in one transaction: all of them are committed, or, when one fails, none
     * (the exception's {@link DatabaseException#statement()} says which one failed).
     */
    List<StatementResult> transaction(List<SqlStatement> statements) throws DatabaseException;
}
