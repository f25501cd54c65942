// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.state;

import static it.io.capaee.support.Dapr.assertError;
import static it.io.capaee.support.Dapr.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dapr's state API on the state stores of the real PostgreSQL ({@code pgstate}) and MariaDB
 * ({@code mariastate}), declared in src/test/liberty/databases.xml on the data sources of the database
 * API, {@code pg} and {@code maria}: their table is read back through that API, which shows the
 * entries are rows there. Keys are unique to each test; the class drops the tables at the end.
 */
class SqlStateIT {
    private static final String TABLE = "capa_it_state_" + System.getProperty("http.port", "9089");
    private final String k = Dapr.unique("sqlstateit");

    private static String state(String store) {
        return "/v1.0/state/" + store;
    }

    /** The database API's name of the data source a store keeps its table in. */
    private static String database(String store) {
        return store.equals("pgstate") ? "pg" : "maria";
    }

    @AfterAll
    static void dropTables() throws Exception {
        for (String db : List.of("pg", "maria")) {
            for (String ddl : List.of("DROP TABLE IF EXISTS " + TABLE, "DROP SEQUENCE IF EXISTS " + TABLE + "_version")) {
                post("/v1.0-alpha1/database/" + db + "/exec", "{\"sql\":\"" + ddl + "\"}");
            }
        }
    }

    private static String etag(String store, String key) throws Exception {
        HttpResponse<String> r = Server.get(state(store) + "/" + key);
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("ETag").orElseThrow();
    }

    /** The rows of {@code key} in the store's table, as the database API answers them: [value, version]. */
    private static JsonArray row(String store, String key) throws Exception {
        String body = Json.createObjectBuilder()
                .add("sql", "SELECT value, version FROM " + TABLE + " WHERE id = ?")
                .add("params", Json.createArrayBuilder().add(Dapr.appId() + "||" + key)).build().toString();
        HttpResponse<String> r = post("/v1.0-alpha1/database/" + database(store) + "/query", body);
        assertEquals(200, r.statusCode(), r.body());
        return Dapr.json(r.body()).asJsonObject().getJsonArray("rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgstate", "mariastate"})
    void aSavedValueIsARowOfTheTableAndEtagsGuardEveryWrite(String store) throws Exception {
        assertEquals(204, post(state(store), "[{\"key\":\"" + k + "\",\"value\":{\"qty\":3,\"item\":\"tea\"}}]").statusCode());
        HttpResponse<String> r = Server.get(state(store) + "/" + k);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Dapr.json("{\"qty\":3,\"item\":\"tea\"}"), Dapr.json(r.body()));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        JsonArray rows = row(store, k);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(Dapr.json("{\"qty\":3,\"item\":\"tea\"}"), Dapr.json(rows.getJsonArray(0).getString(0)));
        assertEquals(Long.parseLong(etag), rows.getJsonArray(0).getJsonNumber(1).longValue());

        assertEquals(204, post(state(store), "[{\"key\":\"" + k + "\",\"value\":4,\"etag\":\"" + etag + "\"}]").statusCode());
        assertError(post(state(store), "[{\"key\":\"" + k + "\",\"value\":5,\"etag\":\"" + etag + "\"}]"), 409, "ERR_STATE_SAVE");
        assertError(Dapr.delete(state(store) + "/" + k, etag), 409, "ERR_STATE_DELETE");
        assertEquals("4", Server.get(state(store) + "/" + k).body());
        assertEquals(204, Dapr.delete(state(store) + "/" + k, etag(store, k)).statusCode());
        assertEquals(204, Server.get(state(store) + "/" + k).statusCode());
        assertEquals(0, row(store, k).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgstate", "mariastate"})
    void aTransactionAppliesAllOrNothingAndBulkGetReadsWhatItLeft(String store) throws Exception {
        post(state(store), "[{\"key\":\"" + k + "-a\",\"value\":1},{\"key\":\"" + k + "-b\",\"value\":2}]");
        String etagA = etag(store, k + "-a");
        post(state(store), "[{\"key\":\"" + k + "-a\",\"value\":11}]");
        String stale = "{\"operations\":["
                + "{\"operation\":\"upsert\",\"request\":{\"key\":\"" + k + "-c\",\"value\":3}},"
                + "{\"operation\":\"delete\",\"request\":{\"key\":\"" + k + "-b\"}},"
                + "{\"operation\":\"upsert\",\"request\":{\"key\":\"" + k + "-a\",\"value\":9,\"etag\":\"" + etagA + "\"}}]}";
        assertError(post(state(store) + "/transaction", stale), 409, "ERR_STATE_TRANSACTION");
        assertEquals(List.of("11", "2", "none"), bulk(store));

        String fine = "{\"operations\":["
                + "{\"operation\":\"upsert\",\"request\":{\"key\":\"" + k + "-c\",\"value\":3}},"
                + "{\"operation\":\"delete\",\"request\":{\"key\":\"" + k + "-b\"}}]}";
        assertEquals(204, post(state(store) + "/transaction", fine).statusCode());
        assertEquals(List.of("11", "none", "3"), bulk(store));
        post(state(store) + "/transaction", "{\"operations\":["
                + "{\"operation\":\"delete\",\"request\":{\"key\":\"" + k + "-a\"}},"
                + "{\"operation\":\"delete\",\"request\":{\"key\":\"" + k + "-c\"}}]}");
    }

    /** The values of keys -a, -b and -c by a bulk get, "none" for a key that has none. */
    private List<String> bulk(String store) throws Exception {
        HttpResponse<String> r = post(state(store) + "/bulk", "{\"keys\":[\"" + k + "-a\",\"" + k + "-b\",\"" + k + "-c\"]}");
        assertEquals(200, r.statusCode(), r.body());
        return r.body().isEmpty() ? List.of() : Dapr.json(r.body()).asJsonArray().stream()
                .map(v -> v.asJsonObject().containsKey("data") ? v.asJsonObject().get("data").toString() : "none").toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgstate", "mariastate"})
    void anEntryWithATtlIsGoneOnceItExpires(String store) throws Exception {
        // 5 s: long enough that the read right after the save finds the entry on a machine busy with the other classes
        // (with 1 s, a save and a read 1.5 s apart found it gone already)
        assertEquals(204, post(state(store) + "?metadata.ttlInSeconds=5", "[{\"key\":\"" + k + "\",\"value\":1}]").statusCode());
        assertEquals(200, Server.get(state(store) + "/" + k).statusCode());
        long end = System.nanoTime() + 15_000_000_000L;
        while (Server.get(state(store) + "/" + k).statusCode() == 200 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertEquals(204, Server.get(state(store) + "/" + k).statusCode());
    }

    @Test
    void metadataListsTheStoresAsDaprNamesTheirComponents() throws Exception {
        HttpResponse<String> r = Server.get("/v1.0/metadata");
        assertEquals(200, r.statusCode(), r.body());
        List<String> components = Dapr.json(r.body()).asJsonObject().getJsonArray("components").stream()
                .map(JsonObject.class::cast).map(c -> c.getString("name") + "=" + c.getString("type")).toList();
        assertTrue(components.contains("pgstate=state.postgresql"), r.body());
        assertTrue(components.contains("mariastate=state.mysql"), r.body());
    }
}
