// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseJsonTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant END = START.plusNanos(1_234_567);

    @Test
    void aQueryAnswersColumnsAndRowsOfTypedValues() {
        QueryResult rows = new QueryResult(
                List.of(new Column("id", "int8", "BIGINT"), new Column("v", "numeric", "NUMERIC"), new Column("b", "bytea", "BINARY"),
                        new Column("t", "timestamptz", "TIMESTAMP"), new Column("f", "float8", "DOUBLE")),
                List.of(Arrays.asList(9007199254740993L, new BigDecimal("1.230"), new byte[] {0, (byte) 0xff},
                                OffsetDateTime.parse("2024-02-29T13:45:30Z"), Double.NaN),
                        Arrays.asList(null, null, null, LocalDateTime.parse("2024-02-29T13:45:30"), 0.5),
                        Arrays.asList(1L, BigDecimal.ONE, new byte[0], LocalDate.parse("2024-02-29"), 1e300)));
        DatabaseRequest request = DatabaseRequest.parse("query", "{\"sql\":\"SELECT 1\"}");
        JsonObject answer = DatabaseJson.answer(request, List.of(rows), START, END);
        assertEquals("[{\"name\":\"id\",\"type\":\"int8\",\"jdbcType\":\"BIGINT\"},{\"name\":\"v\",\"type\":\"numeric\",\"jdbcType\":\"NUMERIC\"},"
                + "{\"name\":\"b\",\"type\":\"bytea\",\"jdbcType\":\"BINARY\"},{\"name\":\"t\",\"type\":\"timestamptz\",\"jdbcType\":\"TIMESTAMP\"},"
                + "{\"name\":\"f\",\"type\":\"float8\",\"jdbcType\":\"DOUBLE\"}]", answer.getJsonArray("columns").toString());
        assertEquals("[[9007199254740993,1.230,\"AP8=\",\"2024-02-29T13:45:30Z\",\"NaN\"],"
                + "[null,null,null,\"2024-02-29T13:45:30\",0.5],[1,1,\"\",\"2024-02-29\",1.0E+300]]", answer.getJsonArray("rows").toString());
        JsonObject metadata = answer.getJsonObject("metadata");
        assertEquals("query", metadata.getString("operation"));
        assertEquals("SELECT 1", metadata.getString("sql"));
        assertEquals("2026-01-02T03:04:05Z", metadata.getString("start-time"));
        assertEquals("1.235ms", metadata.getString("duration"));
    }

    @Test
    void anExecAndATransactionAnswerTheirResults() {
        JsonObject exec = DatabaseJson.answer(DatabaseRequest.parse("exec", "{\"sql\":\"DELETE FROM t\"}"), List.of(new ExecResult(3)), START, END);
        assertEquals(3, exec.getInt("rowsAffected"));
        assertEquals("3", exec.getJsonObject("metadata").getString("rows-affected"));
        JsonObject tx = DatabaseJson.answer(DatabaseRequest.parse("transaction", "{\"statements\":[{\"operation\":\"exec\",\"sql\":\"x\"},"
                + "{\"operation\":\"query\",\"sql\":\"y\"}]}"),
                List.of(new ExecResult(1), new QueryResult(List.of(new Column("n", "int4", "INTEGER")), List.of(List.of(2L)))), START, END);
        assertEquals("[{\"rowsAffected\":1},{\"columns\":[{\"name\":\"n\",\"type\":\"int4\",\"jdbcType\":\"INTEGER\"}],\"rows\":[[2]]}]",
                tx.getJsonArray("results").toString());
        assertEquals("2", tx.getJsonObject("metadata").getString("statements"));
    }
}
