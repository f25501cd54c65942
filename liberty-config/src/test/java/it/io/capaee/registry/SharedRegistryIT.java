// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.WorkerCalls;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two servers, one registry (issue 17): {@code capa-reg-a} (ports + 12) and {@code capa-reg-b} (ports + 13)
 * with {@code capa.registry.backend=jetstream} on a bucket of this run's own, and the test server's
 * Redis route table. A module uploaded through A's registry API is listed and downloaded on B, with the
 * same digest; B's worker deploys it; the function answers through B's proxy, A's and the test
 * server's; tags stay immutable across servers, and a delete on one is seen on the other. Last, B
 * is killed: once its heartbeat lapses ({@code capa.worker.heartbeat-lapse}, 6 s here), A drops its
 * routes from the shared table, and every proxy balances over what is left.
 */
@ResourceLock(value = SharedResources.PROXY_ROUTES, mode = ResourceAccessMode.READ)
@ResourceLock(SharedResources.EXTRA_SERVER_A)
@ResourceLock(SharedResources.EXTRA_SERVER_B)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRegistryIT {
    static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    static final String BUCKET = "capa-it-registry-" + SUFFIX;
    static final String ORG = "shared-" + SUFFIX;
    static SecondServer a;
    static SecondServer b;

    @BeforeAll
    static void startTwoServers() throws Exception {
        Map<String, String> shared = Map.of("capa.kv.backend", "redis", "capa.registry.backend", "jetstream",
                "capa.registry.jetstream.bucket", BUCKET, "capa.desired-state.interval", "PT2S", "capa.worker.heartbeat-lapse", "PT6S");
        a = SecondServer.start("capa-reg-a", 12, shared);
        b = SecondServer.start("capa-reg-b", 13, shared);
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (SecondServer s : new SecondServer[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            for (String kind : new String[] {"object", "kv"}) {
                try {
                    if (kind.equals("object")) {
                        nats.objectStoreManagement().delete(BUCKET);
                    } else {
                        nats.keyValueManagement().delete(BUCKET);
                    }
                } catch (JetStreamApiException e) {
                    // not made: the servers did not start
                }
            }
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static JsonArray modules(SecondServer s) throws Exception {
        HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(s.base + "/registry/modules?org=" + ORG)));
        assertEquals(200, r.statusCode(), r.body());
        return WorkerCalls.parse("{\"m\":" + r.body() + "}").getJsonArray("m");
    }

    @Test
    @Order(1)
    void aModuleUploadedOnOneServerIsListedDownloadedAndDeployedOnTheOther() throws Exception {
        byte[] wasm = Server.guest("hello-http");
        HttpResponse<String> up = RegistryUploads.upload(a.base, ORG, "hello", "1.0.0", wasm, "from a");
        assertEquals(200, up.statusCode(), up.body());
        assertTrue(up.body().contains(sha256(wasm)), up.body());

        JsonArray onB = modules(b);
        assertEquals(1, onB.size(), onB.toString());
        JsonObject record = onB.getJsonObject(0);
        assertEquals(ORG + "/hello/1.0.0", record.getString("module"));
        assertEquals(sha256(wasm), record.getString("sha256"));
        assertEquals(wasm.length, record.getJsonNumber("size").longValue());
        assertEquals("from a", record.getString("info"));

        HttpResponse<byte[]> download = Server.CLIENT.send(HttpRequest.newBuilder(URI.create(b.base + "/registry/" + ORG + "/hello/1.0.0/hello.wasm")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(wasm, download.body());
        assertEquals("\"" + sha256(wasm) + "\"", download.headers().firstValue("ETag").orElseThrow());

        String f = "shreg-" + SUFFIX;
        WorkerCalls workerB = new WorkerCalls(b.base);
        HttpResponse<String> deployed = workerB.deploy(f, "v1", ORG + "/hello/1.0.0");
        assertEquals(202, deployed.statusCode(), deployed.body());
        try {
            for (String via : new String[] {b.base, a.base, Server.base()}) {
                HttpResponse<String> answer = Server.await(via + "/functions/" + f + "/v1",
                        () -> new WorkerCalls(via).call("/functions/" + f + "/v1", "Bob"), r -> r.statusCode() == 200, Duration.ofSeconds(20));
                assertEquals("Hello Bob", answer.body().trim(), "through the proxy of " + via);
            }
            JsonObject listed = workerB.list().getJsonObject(f).getJsonObject("v1");
            assertEquals(sha256(wasm), listed.getString("sha256"));
            assertEquals("/registry/" + ORG + "/hello/1.0.0", listed.getString("wasmRegistryUrl"));
        } finally {
            assertEquals(202, workerB.remove(f, "v1").statusCode());
        }
    }

    @Test
    @Order(2)
    void tagsStayImmutableAcrossServersAndADeleteIsSeenEverywhere() throws Exception {
        byte[] first = Server.guest("hello-http");
        byte[] second = Server.guest("hello-cli");
        assertEquals(200, RegistryUploads.upload(a.base, ORG, "tagged", "1", first, "one").statusCode());
        HttpResponse<String> again = RegistryUploads.upload(b.base, ORG, "tagged", "1", second, "two");
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("ERROR_ALREADY_EXISTS"), again.body());

        HttpResponse<String> info = Server.send(HttpRequest.newBuilder(URI.create(a.base + "/registry/info/" + ORG + "/tagged/1")));
        assertEquals("one", info.body().trim());

        HttpResponse<String> deleted = Server.send(HttpRequest.newBuilder(URI.create(b.base + "/registry/" + ORG + "/tagged/1")).DELETE());
        assertEquals(200, deleted.statusCode(), deleted.body());
        HttpResponse<String> gone = Server.send(HttpRequest.newBuilder(URI.create(a.base + "/registry/" + ORG + "/tagged/1/tagged.wasm")));
        assertEquals(404, gone.statusCode(), gone.body());
        assertTrue(gone.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(200, RegistryUploads.upload(b.base, ORG, "tagged", "1", second, "two").statusCode(), "the tag is free again");
        assertEquals("two", Server.send(HttpRequest.newBuilder(URI.create(a.base + "/registry/info/" + ORG + "/tagged/1"))).body().trim());
    }

    @Test
    @Order(3)
    void aKilledServersRoutesAreDroppedOnceItsHeartbeatLapses() throws Exception {
        assertEquals(200, RegistryUploads.upload(b.base, ORG, "beat", "1", Server.guest("hello-http"), "").statusCode());
        String f = "shbeat-" + SUFFIX;
        WorkerCalls workerA = new WorkerCalls(a.base);
        WorkerCalls workerB = new WorkerCalls(b.base);
        String urlA = a.base + "/wasm/functions/" + f + "/v1";
        String urlB = b.base + "/wasm/functions/" + f + "/v1";
        try {
            assertEquals(202, workerA.deploy(f, "v1", ORG + "/beat/1").statusCode());
            assertEquals(202, workerB.deploy(f, "v1", ORG + "/beat/1").statusCode());
            Server.await("routes of " + f, () -> Server.send(HttpRequest.newBuilder(URI.create(Server.base() + "/memory/functions/" + f + "/v1/urls"))),
                    r -> r.body().contains(urlA) && r.body().contains(urlB), Duration.ofSeconds(20));

            b.kill();
            long killed = System.nanoTime();
            HttpResponse<String> left = Server.await("routes of " + f, () -> Server.send(HttpRequest.newBuilder(
                    URI.create(Server.base() + "/memory/functions/" + f + "/v1/urls"))), r -> !r.body().contains(urlB), Duration.ofSeconds(40));
            long droppedAfter = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(left.body().contains(urlA), "the live server's route stays: " + left.body());
            System.out.println("SHARED routes: a killed server's route was dropped " + droppedAfter + " ms after the kill (lapse 6 s, beats every 2 s)");
            assertTrue(droppedAfter >= 2_000, "not before its heartbeat could lapse: " + droppedAfter + " ms");
            for (String via : new String[] {a.base, Server.base()}) {
                for (int i = 0; i < 6; i++) {
                    HttpResponse<String> answer = new WorkerCalls(via).call("/functions/" + f + "/v1", "Bob");
                    assertEquals(200, answer.statusCode(), via + ": " + answer.body());
                }
            }
        } finally {
            assertEquals(202, workerA.remove(f, "v1").statusCode());
        }
    }
}
