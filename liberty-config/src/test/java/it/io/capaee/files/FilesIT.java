// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.files;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file API on the test server's two stores: {@code local} (a directory of the server) and
 * {@code shared} (the machine's NATS, bucket capa-it-files-PORT, deleted afterwards), with the limit
 * liberty-config/pom.xml sets: 8 MiB. Every test writes under a prefix of its own.
 */
class FilesIT {
    private static final long MAX = 8L * 1024 * 1024;
    private static final String RUN = "it-" + UUID.randomUUID();

    @AfterAll
    static void dropBucket() throws Exception {
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.objectStoreManagement().delete("capa-it-files-" + System.getProperty("http.port", "9089"));
        } catch (JetStreamApiException e) {
            // no test reached the shared store
        }
    }

    private static String path(String store, String name) {
        return "/v1.0-alpha1/files/" + store + "/" + name;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A body with no Content-Length (sent chunked), read from a stream: the server has to stream it. */
    private static HttpRequest.BodyPublisher streamed(byte[] bytes) {
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private static HttpResponse<String> put(String store, String name, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = Server.request(path(store, name)).PUT(body).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Server.CLIENT.send(request.build(), BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> get(String store, String name) throws Exception {
        return Server.CLIENT.send(Server.request(path(store, name)).timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        return Server.send(Server.request(path).method(method, BodyPublishers.noBody()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "shared"})
    void aFileOfSeveralMegabytesGoesInAndComesBackStreamedWithItsMetadata(String store) throws Exception {
        byte[] content = random(6 * 1024 * 1024 + 3, 1);
        String name = RUN + "/big/data.bin";
        long start = System.nanoTime();
        HttpResponse<String> put = put(store, name, streamed(content), "Content-Type", "application/x-test", "X-Capa-Meta-Owner", "alice");
        long putMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, put.statusCode(), put.body());
        JsonObject info = Dapr.json(put.body()).asJsonObject();
        assertEquals(content.length, info.getJsonNumber("size").longValue());
        assertEquals(sha256(content), info.getString("sha256"));
        assertEquals("alice", info.getJsonObject("metadata").getString("owner"));

        start = System.nanoTime();
        HttpResponse<byte[]> got = get(store, name);
        System.out.printf("FILES-TIMING %s: put %d bytes in %d ms, get in %d ms%n", store, content.length, putMillis,
                (System.nanoTime() - start) / 1_000_000);
        assertEquals(200, got.statusCode());
        assertArrayEquals(content, got.body());
        assertEquals("application/x-test", got.headers().firstValue("Content-Type").orElse(""));
        assertEquals("\"" + sha256(content) + "\"", got.headers().firstValue("ETag").orElse(""));
        assertEquals("sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content)) + ":",
                got.headers().firstValue("Repr-Digest").orElse(""));
        assertEquals("alice", got.headers().firstValue("X-Capa-Meta-owner").orElse(""));
        assertTrue(got.headers().firstValue("Last-Modified").isPresent());

        HttpResponse<String> head = call("HEAD", path(store, name));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(content.length), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals("", head.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "shared"})
    void aListIsFilteredByPrefixAndPagedWithAMarker(String store) throws Exception {
        String prefix = RUN + "/list-" + store + "/";
        for (String n : List.of("c", "a", "e", "b", "d")) {
            assertEquals(200, put(store, prefix + n, BodyPublishers.ofString(n)).statusCode());
        }
        put(store, RUN + "/list-" + store + "-other", BodyPublishers.ofString("x"));
        String base = "/v1.0-alpha1/files/" + store + "?prefix=" + prefix + "&limit=2";
        JsonObject first = Dapr.json(Server.get(base).body()).asJsonObject();
        assertEquals(List.of(prefix + "a", prefix + "b"), names(first));
        JsonObject second = Dapr.json(Server.get(base + "&marker=" + first.getString("next")).body()).asJsonObject();
        assertEquals(List.of(prefix + "c", prefix + "d"), names(second));
        JsonObject last = Dapr.json(Server.get(base + "&marker=" + second.getString("next")).body()).asJsonObject();
        assertEquals(List.of(prefix + "e"), names(last));
        assertFalse(last.containsKey("next"), "the last page has no marker");
        assertEquals(1, last.getJsonArray("files").getJsonObject(0).getInt("size"));
        assertError(Server.get("/v1.0-alpha1/files/" + store + "?limit=0"), 400, "ERR_MALFORMED_REQUEST");
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("files").stream().map(f -> f.asJsonObject().getString("name")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "shared"})
    void aDeletedFileIsGone(String store) throws Exception {
        String name = RUN + "/gone.txt";
        assertEquals(200, put(store, name, BodyPublishers.ofString("bye")).statusCode());
        assertEquals(204, call("DELETE", path(store, name)).statusCode());
        assertError(Server.get(path(store, name)), 404, "ERR_FILE_NOT_FOUND");
        assertEquals(404, call("HEAD", path(store, name)).statusCode());
        assertError(call("DELETE", path(store, name)), 404, "ERR_FILE_NOT_FOUND");
    }

    @Test
    void namesThatCouldEscapeAreRefusedSayingWhy() throws Exception {
        String dir = RUN + "/bad";
        // what the file API itself refuses, naming the rule
        Map<String, String> refused = Map.of(
                dir + "/./x", "'.' segment",
                dir + "//x", "empty segment",
                dir + "/" + "n".repeat(1025), "longer than 1024 bytes");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            JsonObject problem = assertError(put("local", bad.getKey(), BodyPublishers.ofString("x")), 400, "ERR_FILE_NAME");
            assertTrue(problem.getString("detail").contains(bad.getValue()), problem.toString());
            assertError(Server.get(path("local", bad.getKey())), 400, "ERR_FILE_NAME");
        }
        // encoded '.', '\' and '/' never reach it: the gateway refuses them for every API
        for (String bad : List.of("%2E%2E/%2E%2E/etc/passwd", dir + "/%2E%2E/x", dir + "/back%5Cslash", dir + "%2F..%2Fx")) {
            HttpResponse<String> r = put("local", bad, BodyPublishers.ofString("x"));
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(r.body().contains("urn:capa-ee:problem:bad-request-uri"), r.body());
        }
        // and an encoded NUL not even Liberty
        assertEquals(400, put("local", dir + "/nul%00x", BodyPublishers.ofString("x")).statusCode());
        assertEquals(List.of(), names(Dapr.json(Server.get("/v1.0-alpha1/files/local?prefix=" + dir).body()).asJsonObject()),
                "nothing was stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "shared"})
    void aFileOverTheLimitIsRefusedWith413AndNothingIsLeft(String store) throws Exception {
        String name = RUN + "/too-big-" + store;
        byte[] over = random((int) MAX + 1, 7);
        // declared too large: refused before the body is read (the client waits for 100 Continue)
        HttpResponse<String> declared = Server.CLIENT.send(Server.request(path(store, name)).expectContinue(true)
                .PUT(BodyPublishers.ofByteArray(over)).build(), BodyHandlers.ofString());
        assertTrue(assertError(declared, 413, "ERR_FILE_TOO_LARGE").getString("detail").contains("capa.files.max-bytes"));
        // streamed: refused once the limit is passed
        assertError(put(store, name, streamed(over)), 413, "ERR_FILE_TOO_LARGE");
        assertError(Server.get(path(store, name)), 404, "ERR_FILE_NOT_FOUND");
        if (store.equals("local")) {
            try (Stream<Path> left = Files.list(Server.dir().resolve("files/local/.staging"))) {
                assertEquals(List.of(), left.toList(), "no temporary file left behind");
            }
        }
        // exactly the limit is fine
        assertEquals(200, put(store, name, streamed(random((int) MAX, 8))).statusCode());
    }

    @Test
    void anUnknownStoreIs404NamingTheConnectionFactory() throws Exception {
        JsonObject problem = assertError(Server.get(path("nosuchstore", "x")), 404, "ERR_FILE_STORE_NOT_FOUND");
        assertTrue(problem.getString("detail").contains("eis/capa/files/nosuchstore"));
        assertError(Server.get("/v1.0-alpha1/files/nosuchstore"), 404, "ERR_FILE_STORE_NOT_FOUND");
    }

    @Test
    void theStoresAreListedInTheMetadata() throws Exception {
        String metadata = Server.get("/v1.0/metadata").body();
        assertTrue(metadata.contains("\"files.local\"") && metadata.contains("\"files.nats\""), metadata);
    }
}
