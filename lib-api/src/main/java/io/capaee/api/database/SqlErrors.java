// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.database.DatabaseException.Reason;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Sorts a driver's {@link SQLException} into a {@link Reason} by its SQLSTATE (SQL:2016's classes,
 * which PostgreSQL and MariaDB both follow) and its JDBC subclass. The pool in front of the driver
 * (Liberty's) wraps a refused connection, so the cause chain is searched for the first state.
 */
final class SqlErrors {
    private SqlErrors() {}

    static Reason reason(SQLException e) {
        String state = state(e);
        if (e instanceof SQLTimeoutException || "57014".equals(state) || "70100".equals(state)
                || "HYT00".equals(state) || "HYT01".equals(state)) {
            // 57014 PostgreSQL's query_canceled, 70100 MariaDB's interrupted (max_statement_time), HYT0x ODBC-style
            return Reason.TIMEOUT;
        }
        if (state != null && state.length() >= 2) {
            String kind = state.substring(0, 2);
            switch (kind) {
                case "08", "53", "57" -> {
                    // connection exceptions, insufficient resources, operator intervention (shutdown); MariaDB
                    // answers most refusals with the generic HY000, which falls to STATEMENT below
                    return Reason.UNAVAILABLE;
                }
                case "40" -> {
                    return Reason.CONFLICT;
                }
                case "XX", "58" -> {
                    return Reason.INTERNAL;
                }
                default -> {
                    return Reason.STATEMENT;
                }
            }
        }
        if (connectionFailure(e)) {
            return Reason.UNAVAILABLE;
        }
        return Reason.INTERNAL;
    }

    /** The first SQLSTATE along the cause chain, or null. */
    static String state(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().isBlank()) {
                return s.getSQLState();
            }
        }
        return null;
    }

    private static boolean connectionFailure(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The database's own words (the exception's message, never its stack), or the exception's kind when it has none. */
    static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip();
    }
}
