// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.database.DatabaseRequest.Operation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseRequestTest {

    @Test
    void ourShapeWithTheOperationInThePath() {
        DatabaseRequest r = DatabaseRequest.parse("query", "{\"sql\":\"SELECT * FROM t WHERE a = ? AND b = ?\",\"params\":[\"x\", 2]}");
        assertEquals(Operation.QUERY, r.operation());
        SqlStatement s = r.statements().get(0);
        assertEquals(SqlStatement.Operation.QUERY, s.operation());
        assertEquals("SELECT * FROM t WHERE a = ? AND b = ?", s.sql());
        assertEquals(List.of("x", 2L), s.params());
    }

    @Test
    void daprsBindingShapeWithParamsAsAJsonString() {
        DatabaseRequest r = DatabaseRequest.parse(null,
                "{\"operation\":\"exec\",\"metadata\":{\"sql\":\"INSERT INTO t VALUES (?, ?)\",\"params\":\"[1, \\\"demo\\\"]\"}}");
        assertEquals(Operation.EXEC, r.operation());
        assertEquals(List.of(1L, "demo"), r.statements().get(0).params());
    }

    @Test
    void numbersKeepTheirExactValue() {
        List<Object> p = DatabaseRequest.parse("exec", "{\"sql\":\"x\",\"params\":[9007199254740993, 12.30, 1e2, 99999999999999999999, true, null]}")
                .statements().get(0).params();
        assertEquals(9007199254740993L, p.get(0));
        assertEquals(new BigDecimal("12.30"), p.get(1));
        assertEquals(100L, p.get(2));
        assertEquals(new BigDecimal("99999999999999999999"), p.get(3));
        assertEquals(Boolean.TRUE, p.get(4));
        assertEquals(null, p.get(5));
    }

    @Test
    void typedParametersForWhatJsonHasNoLiteralFor() {
        List<Object> p = DatabaseRequest.parse("exec", "{\"sql\":\"x\",\"params\":["
                + "{\"type\":\"bytes\",\"value\":\"AAH+/w==\"},"
                + "{\"type\":\"timestamp\",\"value\":\"2024-02-29T13:45:30.5\"},"
                + "{\"type\":\"timestamp\",\"value\":\"2024-02-29T13:45:30Z\"},"
                + "{\"type\":\"date\",\"value\":\"2024-02-29\"},"
                + "{\"type\":\"decimal\",\"value\":\"0.10\"},"
                + "{\"type\":\"bytes\",\"value\":null}]}").statements().get(0).params();
        assertArrayEquals(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}, (byte[]) p.get(0));
        assertEquals(LocalDateTime.parse("2024-02-29T13:45:30.5"), p.get(1));
        assertEquals(OffsetDateTime.parse("2024-02-29T13:45:30Z"), p.get(2));
        assertEquals(LocalDate.parse("2024-02-29"), p.get(3));
        assertEquals(new BigDecimal("0.10"), p.get(4));
        assertEquals(null, p.get(5));
    }

    @Test
    void aTransactionListsItsStatements() {
        DatabaseRequest r = DatabaseRequest.parse("transaction", "{\"statements\":["
                + "{\"operation\":\"exec\",\"sql\":\"INSERT INTO t VALUES (?)\",\"params\":[1]},"
                + "{\"operation\":\"query\",\"sql\":\"SELECT count(*) FROM t\"}]}");
        assertEquals(Operation.TRANSACTION, r.operation());
        assertEquals(List.of(SqlStatement.Operation.EXEC, SqlStatement.Operation.QUERY),
                r.statements().stream().map(SqlStatement::operation).toList());
        assertEquals(List.of(), r.statements().get(1).params());
    }

    @Test
    void closeNeedsNoBody() {
        assertEquals(Operation.CLOSE, DatabaseRequest.parse("close", "").operation());
        assertEquals(Operation.CLOSE, DatabaseRequest.parse(null, "{\"operation\":\"close\"}").operation());
    }

    @Test
    void whatIsMalformedIsNamed() {
        assertMalformed("query", "", "needs a JSON object");
        assertMalformed("query", "{\"sql\":", "not valid JSON");
        assertMalformed("query", "[1]", "must be a JSON object");
        assertMalformed("query", "{\"params\":[]}", "'sql' must be a non-empty string");
        assertMalformed("query", "{\"sql\":\"  \"}", "'sql' must be a non-empty string");
        assertMalformed("drop", "{\"sql\":\"x\"}", "unknown operation 'drop'");
        assertMalformed(null, "{\"sql\":\"x\"}", "needs an 'operation'");
        assertMalformed("query", "{\"operation\":\"exec\",\"sql\":\"x\"}", "the path says query");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":{\"a\":1}}", "'params' must be an array");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":\"[1\"}", "'params' is a string that is not a JSON array");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":[[1]]}", "'params[0]' is an array");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":[{\"value\":1}]}", "needs a \"type\"");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":[{\"type\":\"uuid\",\"value\":\"1\"}]}", "'params[0].type' is 'uuid'");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":[{\"type\":\"bytes\",\"value\":\"%%\"}]}", "is not a bytes");
        assertMalformed("query", "{\"sql\":\"x\",\"params\":[{\"type\":\"date\",\"value\":\"29.02.2024\"}]}", "is not a date");
        assertMalformed("transaction", "{\"statements\":[]}", "needs 'statements'");
        assertMalformed("transaction", "{\"statements\":[{\"operation\":\"close\",\"sql\":\"x\"}]}", "'statements[0].operation'");
        assertMalformed("transaction", "{\"statements\":[{\"operation\":\"exec\"}]}", "'statements[0].sql'");
    }

    private static void assertMalformed(String operation, String body, String expected) {
        DatabaseException e = assertThrows(DatabaseException.class, () -> DatabaseRequest.parse(operation, body), body);
        assertEquals(DatabaseException.Reason.REQUEST, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void sqlNullParametersSurviveTheCopy() {
        assertEquals(Arrays.asList("a", null), SqlStatement.exec("x", "a", null).params());
    }
}
