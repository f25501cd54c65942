// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.database.DatabaseException;
import io.capaee.api.database.DatabaseException.Reason;
import io.capaee.proxy.dapr.DaprException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void eachReasonHasItsStatusAndCode() {
        Map<Reason, String> expected = Map.of(
                Reason.REQUEST, "400 ERR_MALFORMED_REQUEST",
                Reason.STATEMENT, "400 ERR_DATABASE_STATEMENT",
                Reason.TOO_MANY_ROWS, "400 ERR_DATABASE_TOO_MANY_ROWS",
                Reason.CONFLICT, "409 ERR_DATABASE_CONFLICT",
                Reason.TIMEOUT, "504 ERR_DATABASE_TIMEOUT",
                Reason.UNAVAILABLE, "503 ERR_DATABASE_UNAVAILABLE",
                Reason.INTERNAL, "500 ERR_DATABASE");
        assertEquals(Reason.values().length, expected.size());
        expected.forEach((reason, answer) -> {
            DaprException e = DatabaseErrors.toDapr("orders", new DatabaseException(reason, "m"), 1);
            assertEquals(answer, e.status() + " " + e.errorCode());
        });
    }

    @Test
    void aRefusedStatementCarriesTheDatabasesWordsAndWhichStatementFailed() {
        DatabaseException cause = new DatabaseException(Reason.STATEMENT, "duplicate key value violates unique constraint", "23505", 2, null);
        DaprException e = DatabaseErrors.toDapr("orders", cause, 4);
        assertEquals("database orders refused the statement (statement 3 of 4; nothing was committed): "
                + "duplicate key value violates unique constraint [SQLSTATE 23505]", e.getMessage());
    }

    @Test
    void anInternalFailureTellsTheClientOnlyWhereToLook() {
        DaprException e = DatabaseErrors.toDapr("orders", new DatabaseException(Reason.INTERNAL, "driver detail: secret host"), 1);
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(DatabaseErrors.serverSide(new DatabaseException(Reason.INTERNAL, "x")));
        assertFalse(DatabaseErrors.serverSide(new DatabaseException(Reason.STATEMENT, "x")));
    }
}
