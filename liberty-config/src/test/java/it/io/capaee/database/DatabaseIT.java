// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.database;

import static it.io.capaee.support.Dapr.assertError;
import static it.io.capaee.support.Dapr.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database API on the test server's data sources (src/test/liberty/databases.xml): {@code pg} (the
 * machine's PostgreSQL), {@code maria} (its MariaDB) and {@code down} (nothing listens), with the limits
 * liberty-config/pom.xml sets: 2 s per statement, 50 rows per query, 10 statements per transaction.
 * Each test makes tables of its own and the class drops them.
 */
class DatabaseIT {
    private static final List<String[]> CREATED = new ArrayList<>();

    private static String path(String db, String operation) {
        return "/v1.0-alpha1/database/" + db + "/" + operation;
    }

    /** A table of its own for one test: id, bigint, exact decimal, text, boolean, timestamp, binary. */
    private static String table(String db) throws Exception {
        String name = "capa_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String ddl = db.equals("pg")
                ? "CREATE TABLE " + name + " (id integer PRIMARY KEY, big bigint, amount numeric(12,3), note text,"
                        + " flag boolean, at timestamp, data bytea)"
                : "CREATE TABLE " + name + " (id integer PRIMARY KEY, big bigint, amount decimal(12,3), note text,"
                        + " flag boolean, at datetime(6), data blob)";
        ok(post(path(db, "exec"), statement(ddl)));
        synchronized (CREATED) {
            CREATED.add(new String[] {db, name});
        }
        return name;
    }

    @AfterAll
    static void dropTables() throws Exception {
        for (String[] t : CREATED) {
            post(path(t[0], "exec"), statement("DROP TABLE " + t[1]));
        }
    }

    private static String statement(String sql, String... params) {
        return "{\"sql\":" + quote(sql) + ",\"params\":[" + String.join(",", params) + "]}";
    }

    private static String quote(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return Dapr.json(r.body()).asJsonObject();
    }

    private static JsonArray rows(String db, String sql, String... params) throws Exception {
        return ok(post(path(db, "query"), statement(sql, params))).getJsonArray("rows");
    }

    @Test
    void anApplicationsInjectedDatabaseAndTheHttpApiSeeTheSameRows() throws Exception {
        String id = "note-" + UUID.randomUUID();
        HttpResponse<String> put = Server.send(Server.request("/sample/notes/" + id).header("Content-Type", "text/plain")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("it's; DROP TABLE sample_notes; --")));
        assertEquals(204, put.statusCode(), "written through @Inject @CapaComponent(\"pg\") Database: " + put.body());
        JsonArray seen = rows("pg", "SELECT text FROM sample_notes WHERE id = ?", quote(id));
        assertEquals("it's; DROP TABLE sample_notes; --", seen.getJsonArray(0).getString(0), "a bound parameter, stored as given");
        ok(post(path("pg", "exec"), statement("UPDATE sample_notes SET text = ? WHERE id = ?", quote("changed"), quote(id))));
        HttpResponse<String> get = Server.get("/sample/notes/" + id);
        assertEquals(200, get.statusCode(), get.body());
        assertEquals("changed", get.body(), "the application reads what the HTTP API wrote");
        assertEquals(404, Server.get("/sample/notes/" + id + "-none").statusCode());
        ok(post(path("pg", "exec"), statement("DELETE FROM sample_notes WHERE id = ?", quote(id))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void queryAnswersTypedColumnsAndExactValues(String db) throws Exception {
        String t = table(db);
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        String base64 = Base64.getEncoder().encodeToString(bytes);
        JsonObject inserted = ok(post(path(db, "exec"), statement(
                "INSERT INTO " + t + " (id, big, amount, note, flag, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                "1", "9007199254740993", "12345.678", "\"héllo\"", "true",
                "{\"type\":\"timestamp\",\"value\":\"2024-02-29T13:45:30.123456\"}",
                "{\"type\":\"bytes\",\"value\":\"" + base64 + "\"}")));
        assertEquals(1, inserted.getInt("rowsAffected"));
        assertEquals("1", inserted.getJsonObject("metadata").getString("rows-affected"));
        ok(post(path(db, "exec"), statement("INSERT INTO " + t + " (id, note) VALUES (?, ?)", "2", "null")));

        JsonObject result = ok(post(path(db, "query"), statement(
                "SELECT id, big, amount, note, flag, at, data FROM " + t + " WHERE id >= ? ORDER BY id", "1")));
        JsonArray columns = result.getJsonArray("columns");
        assertEquals(List.of("id", "big", "amount", "note", "flag", "at", "data"),
                columns.stream().map(c -> c.asJsonObject().getString("name")).toList());
        assertEquals(List.of("INTEGER", "BIGINT", db.equals("pg") ? "NUMERIC" : "DECIMAL"),
                columns.stream().limit(3).map(c -> c.asJsonObject().getString("jdbcType")).toList(), columns.toString());
        assertEquals(db.equals("pg") ? "bytea" : "blob", columns.getJsonObject(6).getString("type"), columns.toString());

        JsonArray first = result.getJsonArray("rows").getJsonArray(0);
        assertEquals(1, first.getInt(0));
        assertEquals("9007199254740993", first.get(1).toString()); // beyond a double's 53 bits: exact
        assertEquals(new BigDecimal("12345.678"), first.getJsonNumber(2).bigDecimalValue());
        assertEquals("héllo", first.getString(3));
        assertEquals(JsonValue.TRUE, first.get(4));
        assertEquals("2024-02-29T13:45:30.123456", first.getString(5));
        assertEquals(base64, first.getString(6));

        JsonArray second = result.getJsonArray("rows").getJsonArray(1);
        assertEquals(2, second.getInt(0));
        for (int i = 1; i < 7; i++) {
            assertEquals(JsonValue.NULL, second.get(i), "column " + i + " of " + second);
        }
        assertEquals(2, result.getJsonArray("rows").size());
        assertEquals("query", result.getJsonObject("metadata").getString("operation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void execAnswersTheRowsAffectedAndDaprsBindingShapeWorksToo(String db) throws Exception {
        String t = table(db);
        for (int id = 1; id <= 3; id++) {
            ok(post(path(db, "exec"), statement("INSERT INTO " + t + " (id, note) VALUES (?, ?)", Integer.toString(id), "\"a\"")));
        }
        assertEquals(2, ok(post(path(db, "exec"), statement("UPDATE " + t + " SET note = ? WHERE id <= ?", "\"b\"", "2")))
                .getInt("rowsAffected"));
        // Dapr's PostgreSQL/MySQL binding request: operation and metadata, params a JSON array in a string
        JsonObject dapr = ok(post("/v1.0-alpha1/database/" + db, "{\"operation\":\"exec\",\"metadata\":{\"sql\":"
                + quote("DELETE FROM " + t + " WHERE note = ?") + ",\"params\":\"[\\\"b\\\"]\"}}"));
        assertEquals("2", dapr.getJsonObject("metadata").getString("rows-affected"));
        JsonObject query = ok(post("/v1.0-alpha1/database/" + db, "{\"operation\":\"query\",\"metadata\":{\"sql\":"
                + quote("SELECT id, note FROM " + t) + "}}"));
        assertEquals(Dapr.json("[[3,\"a\"]]"), query.getJsonArray("rows"));
        assertEquals(204, post(path(db, "close"), "").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aTransactionCommitsAllItsStatements(String db) throws Exception {
        String t = table(db);
        String insert = quote("INSERT INTO " + t + " (id, amount) VALUES (?, ?)");
        JsonObject result = ok(post(path(db, "transaction"), "{\"statements\":["
                + "{\"operation\":\"exec\",\"sql\":" + insert + ",\"params\":[1, 10.5]},"
                + "{\"operation\":\"exec\",\"sql\":" + insert + ",\"params\":[2, 20.25]},"
                + "{\"operation\":\"exec\",\"sql\":" + quote("UPDATE " + t + " SET amount = amount - ? WHERE id = ?") + ",\"params\":[0.5, 1]},"
                + "{\"operation\":\"query\",\"sql\":" + quote("SELECT sum(amount) FROM " + t) + "}]}"));
        JsonArray results = result.getJsonArray("results");
        assertEquals(4, results.size());
        assertEquals(1, results.getJsonObject(0).getInt("rowsAffected"));
        assertEquals(new BigDecimal("30.25"), results.getJsonObject(3).getJsonArray("rows").getJsonArray(0).getJsonNumber(0)
                .bigDecimalValue().stripTrailingZeros());
        assertEquals(2, rows(db, "SELECT id FROM " + t).size(), "committed: seen from another connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aTransactionThatFailsMidwayWritesNothing(String db) throws Exception {
        String t = table(db);
        String insert = quote("INSERT INTO " + t + " (id, note) VALUES (?, ?)");
        HttpResponse<String> r = post(path(db, "transaction"), "{\"statements\":["
                + "{\"operation\":\"exec\",\"sql\":" + insert + ",\"params\":[1, \"first\"]},"
                + "{\"operation\":\"exec\",\"sql\":" + insert + ",\"params\":[2, \"second\"]},"
                + "{\"operation\":\"exec\",\"sql\":" + insert + ",\"params\":[1, \"the same key again\"]},"
                + "{\"operation\":\"exec\",\"sql\":" + insert + ",\"params\":[4, \"never run\"]}]}");
        JsonObject problem = assertError(r, 400, "ERR_DATABASE_STATEMENT");
        assertTrue(problem.getString("detail").contains("statement 3 of 4; nothing was committed"), problem.toString());
        assertTrue(problem.getString("detail").contains("SQLSTATE 23"), problem.toString());
        assertEquals(0, rows(db, "SELECT id FROM " + t).size(), "rolled back: nothing half-written");
        // the pooled connection is clean afterwards: autocommit is back on, a plain exec is kept
        ok(post(path(db, "exec"), statement("INSERT INTO " + t + " (id) VALUES (?)", "9")));
        assertEquals(1, rows(db, "SELECT id FROM " + t).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void parametersAreValuesNeverSql(String db) throws Exception {
        String t = table(db);
        List<String> attacks = List.of("x'); DROP TABLE " + t + "; --", "' OR '1'='1", "\\'; DELETE FROM " + t + "; #", "$1 ?");
        for (int i = 0; i < attacks.size(); i++) {
            ok(post(path(db, "exec"), statement("INSERT INTO " + t + " (id, note) VALUES (?, ?)", Integer.toString(i), quote(attacks.get(i)))));
        }
        JsonArray stored = rows(db, "SELECT note FROM " + t + " ORDER BY id");
        assertEquals(attacks, stored.stream().map(v -> v.asJsonArray().getString(0)).toList());
        assertEquals(0, rows(db, "SELECT id FROM " + t + " WHERE note = ?", quote("' OR '1'='1' --x")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aQueryOverTheRowLimitIsRefusedNotCut(String db) throws Exception {
        String series = db.equals("pg") ? "SELECT n FROM generate_series(1, ?) AS n" : "SELECT seq FROM seq_1_to_1000 WHERE seq <= ?";
        assertEquals(50, rows(db, series, "50").size());
        JsonObject problem = assertError(post(path(db, "query"), statement(series, "51")), 400, "ERR_DATABASE_TOO_MANY_ROWS");
        assertTrue(problem.getString("detail").contains("capa.database." + db + ".max-rows"), problem.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "maria"})
    void aStatementOverTheTimeLimitIsCancelled(String db) throws Exception {
        String sleep = db.equals("pg") ? "SELECT pg_sleep(?)" : "SELECT SLEEP(?)";
        long start = System.nanoTime();
        JsonObject problem = assertError(post(path(db, "query"), statement(sleep, "30")), 504, "ERR_DATABASE_TIMEOUT");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 15, "cancelled after the 2 s limit, not after the 30 s sleep: " + seconds + " s");
        assertTrue(problem.getString("detail").contains("2 s"), problem.toString());
        assertEquals(1, rows(db, "SELECT 1").size(), "the pool still answers");
    }

    @Test
    void errorsNameWhatWasWrong() throws Exception {
        JsonObject unknown = assertError(post(path("nosuchdb", "query"), statement("SELECT 1")), 404, "ERR_DATABASE_NOT_FOUND");
        assertTrue(unknown.getString("detail").contains("no database named nosuchdb"), unknown.toString());
        assertError(post(path("pg", "query"), "{\"sql\": \"SELECT 1\""), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(path("pg", "query"), "{\"params\": [1]}"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(path("pg", "drop"), statement("SELECT 1")), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(path("pg", "query"), statement("SELECT ?", "[1, 2]")), 400, "ERR_MALFORMED_REQUEST");

        JsonObject syntax = assertError(post(path("pg", "query"), statement("SELEC 1")), 400, "ERR_DATABASE_STATEMENT");
        assertTrue(syntax.getString("detail").contains("syntax error") && syntax.getString("detail").contains("SQLSTATE 42601"),
                syntax.toString());
        JsonObject maria = assertError(post(path("maria", "query"), statement("SELECT * FROM no_such_table")), 400, "ERR_DATABASE_STATEMENT");
        assertTrue(maria.getString("detail").contains("no_such_table"), maria.toString());
        for (JsonObject p : List.of(unknown, syntax, maria)) {
            assertFalse(p.toString().contains("\tat ") || p.toString().contains("Exception"), "no stack trace: " + p);
        }

        StringBuilder eleven = new StringBuilder("{\"statements\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"operation\":\"query\",\"sql\":\"SELECT 1\"}");
        }
        assertError(post(path("pg", "transaction"), eleven + "]}"), 400, "ERR_MALFORMED_REQUEST");

        JsonObject down = assertError(post(path("down", "query"), statement("SELECT 1")), 503, "ERR_DATABASE_UNAVAILABLE");
        assertTrue(down.getString("detail").contains("database down is not available"), down.toString());
    }
}
