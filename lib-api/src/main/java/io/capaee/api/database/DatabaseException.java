// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.CapaException;

/**
 * A statement that did not run to the end, and why. The message is the database's own (for
 * {@link Reason#STATEMENT}) or ours; it never carries the SQL's parameters.
 */
public class DatabaseException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** Why a statement failed: each is one kind of answer over HTTP. */
    public enum Reason {
        /** the database refused the statement or its values (syntax, unknown table, constraint, type) */
        STATEMENT,
        /** the request itself is not usable (no SQL, a parameter of a kind we cannot bind, too many statements) */
        REQUEST,
        /** the statement ran longer than the time limit and was cancelled */
        TIMEOUT,
        /** the query answered more rows than the row limit */
        TOO_MANY_ROWS,
        /** the database chose this transaction as a victim (serialization failure, deadlock): try again */
        CONFLICT,
        /** the database cannot be reached, or has no connection to give */
        UNAVAILABLE,
        /** anything else: a failure of the driver or the server that the caller cannot fix */
        INTERNAL
    }

    private final Reason reason;
    private final String sqlState;
    private final int statement;

    public DatabaseException(Reason reason, String message, String sqlState, int statement, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.sqlState = sqlState;
        this.statement = statement;
    }

    public DatabaseException(Reason reason, String message) {
        this(reason, message, null, -1, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The database's SQLSTATE, or null when the failure was not the database's. */
    public String sqlState() {
        return sqlState;
    }

    /** Which statement of a transaction failed, from 0; -1 outside a transaction. */
    public int statement() {
        return statement;
    }

    /** This failure, as statement {@code index} of a transaction. */
    DatabaseException inStatement(int index) {
        return new DatabaseException(reason, getMessage(), sqlState, index, getCause());
    }
}
