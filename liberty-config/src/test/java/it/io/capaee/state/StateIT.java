// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.state;

import static it.io.capaee.support.Dapr.assertError;
import static it.io.capaee.support.Dapr.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import jakarta.json.JsonArray;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Dapr's state API on the test server's {@code statestore} (Redis, keys namespaced with the
 * server's app id): every operation, and every documented error with its Dapr code.
 */
class StateIT {
    private static final String STATE = "/v1.0/state/statestore";
    private final String k = Dapr.unique("stateit");

    @AfterEach
    void cleanUp() {
        Dapr.deleteRedisKeys(k);
    }

    private String etag(String key) throws Exception {
        HttpResponse<String> r = Server.get(STATE + "/" + key);
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void aSavedValueIsReadBackWithAnEtagAndLandsInRedisUnderTheAppId() throws Exception {
        assertEquals(204, post(STATE, "[{\"key\":\"" + k + "\",\"value\":{\"qty\":3,\"item\":\"tea\"}}]").statusCode());
        HttpResponse<String> r = Server.get(STATE + "/" + k);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Dapr.json("{\"qty\":3,\"item\":\"tea\"}"), Dapr.json(r.body()));
        assertTrue(r.headers().firstValue("ETag").isPresent());
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            assertEquals(Dapr.json("{\"qty\":3,\"item\":\"tea\"}"), Dapr.json(redis.hget(Dapr.appId() + "||" + k, "data")));
        }
        assertEquals(204, Server.get(STATE + "/" + k + "-missing").statusCode());
    }

    @Test
    void putSavesLikePostAndEveryWriteChangesTheEtag() throws Exception {
        HttpResponse<String> r = Server.send(Server.request(STATE).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("[{\"key\":\"" + k + "\",\"value\":\"one\"}]")));
        assertEquals(204, r.statusCode(), r.body());
        String first = etag(k);
        post(STATE, "[{\"key\":\"" + k + "\",\"value\":\"two\"}]");
        assertNotEquals(first, etag(k));
        assertEquals("\"two\"", Server.get(STATE + "/" + k).body());
    }

    @Test
    void bulkGetAnswersEveryKeyInOrderWithDataAndEtagForThoseThatExist() throws Exception {
        post(STATE, "[{\"key\":\"" + k + "-a\",\"value\":1},{\"key\":\"" + k + "-b\",\"value\":{\"x\":true}}]");
        HttpResponse<String> r = post(STATE + "/bulk", "{\"keys\":[\"" + k + "-b\",\"" + k + "-none\",\"" + k + "-a\"]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray items = Dapr.json(r.body()).asJsonArray();
        assertEquals(3, items.size());
        assertEquals(k + "-b", items.getJsonObject(0).getString("key"));
        assertEquals(Dapr.json("{\"x\":true}"), items.getJsonObject(0).get("data"));
        assertTrue(items.getJsonObject(0).containsKey("etag"));
        assertEquals(k + "-none", items.getJsonObject(1).getString("key"));
        assertTrue(!items.getJsonObject(1).containsKey("data"));
        assertEquals(1, items.getJsonObject(2).getInt("data"));
    }

    @Test
    void deleteWithTheCurrentEtagDeletesAndWithAStaleOneIsAConflict() throws Exception {
        post(STATE, "[{\"key\":\"" + k + "\",\"value\":1}]");
        String stale = etag(k);
        post(STATE, "[{\"key\":\"" + k + "\",\"value\":2}]");
        assertError(Dapr.delete(STATE + "/" + k, stale), 409, "ERR_STATE_DELETE");
        assertEquals("2", Server.get(STATE + "/" + k).body());
        assertError(Dapr.delete(STATE + "/" + k, "not-an-etag"), 400, "ERR_STATE_DELETE");
        assertEquals(204, Dapr.delete(STATE + "/" + k, etag(k)).statusCode());
        assertEquals(204, Server.get(STATE + "/" + k).statusCode());
        assertEquals(204, Dapr.delete(STATE + "/" + k, null).statusCode(), "deleting a missing key succeeds");
    }

    @Test
    void aSaveWithAStaleEtagIsAConflictAndABadEtagIsABadRequest() throws Exception {
        post(STATE, "[{\"key\":\"" + k + "\",\"value\":1}]");
        String stale = etag(k);
        assertEquals(204, post(STATE, "[{\"key\":\"" + k + "\",\"value\":2,\"etag\":\"" + stale + "\"}]").statusCode());
        assertError(post(STATE, "[{\"key\":\"" + k + "\",\"value\":3,\"etag\":\"" + stale + "\"}]"), 409, "ERR_STATE_SAVE");
        assertError(post(STATE, "[{\"key\":\"" + k + "\",\"value\":3,\"etag\":\"abc\"}]"), 400, "ERR_STATE_SAVE");
        assertEquals("2", Server.get(STATE + "/" + k).body());
        // last-write wins whatever the ETag
        assertEquals(204, post(STATE, "[{\"key\":\"" + k + "\",\"value\":4,\"etag\":\"" + stale
                + "\",\"options\":{\"concurrency\":\"last-write\"}}]").statusCode());
        assertEquals("4", Server.get(STATE + "/" + k).body());
    }

    @Test
    void firstWriteWithoutAnEtagOnlyCreatesTheKey() throws Exception {
        String firstWrite = ",\"options\":{\"concurrency\":\"first-write\",\"consistency\":\"strong\"}}]";
        assertEquals(204, post(STATE, "[{\"key\":\"" + k + "\",\"value\":\"a\"" + firstWrite).statusCode());
        assertError(post(STATE, "[{\"key\":\"" + k + "\",\"value\":\"b\"" + firstWrite), 409, "ERR_STATE_SAVE");
        assertEquals("\"a\"", Server.get(STATE + "/" + k).body());
    }

    @Test
    void aTransactionAppliesAllOrNothing() throws Exception {
        post(STATE, "[{\"key\":\"" + k + "-a\",\"value\":1},{\"key\":\"" + k + "-b\",\"value\":2}]");
        String stale = etag(k + "-a");
        post(STATE, "[{\"key\":\"" + k + "-a\",\"value\":10}]");
        String failing = "{\"operations\":["
                + "{\"operation\":\"upsert\",\"request\":{\"key\":\"" + k + "-c\",\"value\":3}},"
                + "{\"operation\":\"delete\",\"request\":{\"key\":\"" + k + "-b\"}},"
                + "{\"operation\":\"upsert\",\"request\":{\"key\":\"" + k + "-a\",\"value\":11,\"etag\":\"" + stale + "\"}}]}";
        assertError(post(STATE + "/transaction", failing), 409, "ERR_STATE_TRANSACTION");
        assertEquals(204, Server.get(STATE + "/" + k + "-c").statusCode());
        assertEquals("2", Server.get(STATE + "/" + k + "-b").body());

        String working = "{\"operations\":["
                + "{\"operation\":\"upsert\",\"request\":{\"key\":\"" + k + "-c\",\"value\":3}},"
                + "{\"operation\":\"delete\",\"request\":{\"key\":\"" + k + "-b\"}}],\"metadata\":{}}";
        assertEquals(204, post(STATE + "/transaction", working).statusCode());
        assertEquals("3", Server.get(STATE + "/" + k + "-c").body());
        assertEquals(204, Server.get(STATE + "/" + k + "-b").statusCode());
        assertEquals(204, post(STATE + "/transaction", "{\"operations\":[]}").statusCode());
    }

    @Test
    void aTransactionWithAnUnknownOperationIsRefused() throws Exception {
        String body = "{\"operations\":[{\"operation\":\"merge\",\"request\":{\"key\":\"" + k + "\",\"value\":1}}]}";
        assertError(post(STATE + "/transaction", body), 400, "ERR_NOT_SUPPORTED_STATE_OPERATION");
    }

    @Test
    void anEntryWithATtlExpires() throws Exception {
        assertEquals(204, post(STATE + "?metadata.ttlInSeconds=1", "[{\"key\":\"" + k + "\",\"value\":1}]").statusCode());
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            long ttl = redis.ttl(Dapr.appId() + "||" + k);
            assertTrue(ttl > 0 && ttl <= 1, "ttl " + ttl);
        }
        Server.await(STATE + "/" + k, r -> r.statusCode() == 204, java.time.Duration.ofSeconds(5));
        assertError(post(STATE, "[{\"key\":\"" + k + "\",\"value\":1,\"metadata\":{\"ttlInSeconds\":\"soon\"}}]"),
                400, "ERR_MALFORMED_REQUEST");
    }

    @Test
    void anUnknownStoreIsNotFound() throws Exception {
        assertError(Server.get("/v1.0/state/nope/" + k), 400, "ERR_STATE_STORE_NOT_FOUND");
        assertError(post("/v1.0/state/nope", "[{\"key\":\"" + k + "\",\"value\":1}]"), 400, "ERR_STATE_STORE_NOT_FOUND");
        assertError(Dapr.delete("/v1.0/state/nope/" + k, null), 400, "ERR_STATE_STORE_NOT_FOUND");
        assertError(post("/v1.0/state/nope/transaction", "{\"operations\":[]}"), 400, "ERR_STATE_STORE_NOT_FOUND");
        assertError(post("/v1.0/state/nope/bulk", "{\"keys\":[]}"), 400, "ERR_STATE_STORE_NOT_FOUND");
    }

    @Test
    void malformedRequestsAreBadRequestsNamingTheProblem() throws Exception {
        assertError(post(STATE, "[{\"key\":"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(STATE, "{\"key\":\"" + k + "\",\"value\":1}"), 400, "ERR_MALFORMED_REQUEST");
        assertTrue(assertError(post(STATE, "[{\"value\":1}]"), 400, "ERR_MALFORMED_REQUEST").getString("message").contains("key"));
        assertError(post(STATE, "[{\"key\":\"a||b\",\"value\":1}]"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(STATE + "/bulk", "{\"keys\":\"x\"}"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(STATE + "/transaction", "not json"), 400, "ERR_MALFORMED_REQUEST");
        assertError(Server.get(STATE + "/" + k + "?consistency=sometimes"), 400, "ERR_MALFORMED_REQUEST");
        // a get's malformed escapes, in its query or its key, and a body over capa.dapr.max-body-bytes: problem details
        assertRawProblem(STATE + "/" + k + "?consistency=%zz", 400);
        assertProblem(Server.get(STATE + "/%FF"), 400);
        assertError(Server.send(Server.request(STATE + "/" + k).method("GET", BodyPublishers.ofString("1".repeat(4 * 1024 * 1024 + 1)))),
                413, "ERR_BODY_TOO_LARGE");
    }

    /** A GET the JDK's client cannot send (its URI class refuses a malformed escape), over a plain socket. */
    private static void assertRawProblem(String path, int status) throws IOException {
        URI base = URI.create(Server.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\ncontent-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":" + status), answer);
        }
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        assertEquals(status, Dapr.json(r.body()).asJsonObject().getInt("status"), r.body());
    }
}
