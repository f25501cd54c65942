// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.database;

import io.capaee.api.database.DatabaseException;
import io.capaee.proxy.dapr.DaprException;

/** How each {@link DatabaseException.Reason} answers over HTTP: status, Dapr error code, and what the client reads. */
final class DatabaseErrors {
    private DatabaseErrors() {}

    /**
     * The HTTP error for a failure of database {@code name}; {@code statements} is how many the request
     * held, so that a transaction's failure names which one failed.
     */
    static DaprException toDapr(String name, DatabaseException e, int statements) {
        String where = e.statement() >= 0 && statements > 1
                ? " (statement " + (e.statement() + 1) + " of " + statements + "; nothing was committed)" : "";
        String state = e.sqlState() == null ? "" : " [SQLSTATE " + e.sqlState() + "]";
        return switch (e.reason()) {
            case REQUEST -> new DaprException(400, "ERR_MALFORMED_REQUEST", e.getMessage() + where);
            case STATEMENT -> new DaprException(400, "ERR_DATABASE_STATEMENT",
                    "database " + name + " refused the statement" + where + ": " + e.getMessage() + state);
            case TOO_MANY_ROWS -> new DaprException(400, "ERR_DATABASE_TOO_MANY_ROWS", e.getMessage() + where);
            case CONFLICT -> new DaprException(409, "ERR_DATABASE_CONFLICT",
                    "database " + name + " gave up the transaction" + where + ", try again: " + e.getMessage() + state);
            case TIMEOUT -> new DaprException(504, "ERR_DATABASE_TIMEOUT", e.getMessage() + where);
            case UNAVAILABLE -> new DaprException(503, "ERR_DATABASE_UNAVAILABLE", e.getMessage() + where);
            case INTERNAL -> new DaprException(500, "ERR_DATABASE", "database " + name + " failed" + where
                    + "; the server log has the detail");
        };
    }

    /** Whether the failure is the server's or the database's rather than the caller's, and so worth a log line. */
    static boolean serverSide(DatabaseException e) {
        return e.reason() == DatabaseException.Reason.UNAVAILABLE || e.reason() == DatabaseException.Reason.INTERNAL;
    }
}
