// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.database.DatabaseException.Reason;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** The SQLSTATEs are the ones PostgreSQL and MariaDB answer (checked on both with the end-to-end tests). */
class SqlErrorsTest {

    private static Reason reason(String state) {
        return SqlErrors.reason(new SQLException("m", state));
    }

    @Test
    void refusedStatementsAreTheCallers() {
        assertEquals(Reason.STATEMENT, reason("42601")); // syntax error
        assertEquals(Reason.STATEMENT, reason("42S02")); // MariaDB: no such table
        assertEquals(Reason.STATEMENT, reason("23505")); // unique violation
        assertEquals(Reason.STATEMENT, reason("22P02")); // invalid text representation
        assertEquals(Reason.STATEMENT, reason("HY000")); // MariaDB's generic error, e.g. an incorrect value
    }

    @Test
    void timeoutsConflictsAndOutages() {
        assertEquals(Reason.TIMEOUT, reason("57014")); // PostgreSQL: canceling statement due to statement timeout
        assertEquals(Reason.TIMEOUT, reason("70100")); // MariaDB: max_statement_time exceeded
        assertEquals(Reason.TIMEOUT, SqlErrors.reason(new SQLTimeoutException("t")));
        assertEquals(Reason.CONFLICT, reason("40001"));
        assertEquals(Reason.CONFLICT, reason("40P01"));
        assertEquals(Reason.UNAVAILABLE, reason("08001"));
        assertEquals(Reason.UNAVAILABLE, reason("57P01")); // admin shutdown
        assertEquals(Reason.UNAVAILABLE, reason("53300")); // too many connections
        assertEquals(Reason.INTERNAL, reason("XX000"));
    }

    @Test
    void thePoolsWrappingIsSeenThrough() {
        SQLException pool = new SQLException("J2CA0045E: connection not available", (String) null);
        pool.initCause(new SQLException("Connection to 127.0.0.1:1 refused", "08001"));
        assertEquals(Reason.UNAVAILABLE, SqlErrors.reason(pool));
        assertEquals("08001", SqlErrors.state(pool));
        SQLException refused = new SQLException("no state");
        refused.initCause(new ConnectException("refused"));
        assertEquals(Reason.UNAVAILABLE, SqlErrors.reason(refused));
        assertEquals(Reason.UNAVAILABLE, SqlErrors.reason(new SQLNonTransientConnectionException("closed")));
        assertEquals(Reason.INTERNAL, SqlErrors.reason(new SQLException("no state")));
    }
}
