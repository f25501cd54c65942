// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.api.rpc.schema.StructSchema;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.Upstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Dapr's service invocation between the test server ({@code Server.appId()}) and a second Liberty server
 * (app id {@code second}) that writes itself into the Redis app registry.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
class InvokeIT {
    static SecondServer second;
    static String registryKey;

    @BeforeAll
    static void startSecond() throws Exception {
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(Server.dir().resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        registryKey = bootstrap.getProperty("capa.invoke.registry-key");
        Map<String, String> changes = new HashMap<>();
        changes.put("capa.app.id", "second");
        changes.put("capa.invoke.apps", "");
        changes.put("capa.invoke.registry", "redis");
        // the second server's Dapr API takes calls relayed from the first only with its token
        changes.put("capa.dapr.api-token", "it-second-token");
        second = SecondServer.start("capa-invoke", 2, changes);
    }

    @AfterAll
    static void stopSecond() throws Exception {
        if (second != null) {
            second.close();
        }
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            for (String k : jedis.keys(registryKey + ":*")) {
                jedis.del(k);
            }
        }
    }

    private static HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Server.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Server.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aSecondServerRegistersItselfAndAnswersAnRpcCallThroughInvoke() throws Exception {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            String entry = jedis.get(registryKey + ":second");
            assertTrue(entry != null && entry.contains("\"url\":\"" + second.base + "\""), String.valueOf(entry));
            assertTrue(jedis.get(registryKey + ":" + Server.appId()).contains("\"url\":\"" + Server.base() + "\""));
        }
        HttpResponse<byte[]> r = send("POST", "/v1.0/invoke/second/method/v1.0-alpha1/rpc/capa.Gateway/ping",
                new byte[] {(byte) 0x80}, "Content-Type", "application/msgpack");
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("application/msgpack", r.headers().firstValue("Content-Type").orElse(""));
        StructSchema results = SchemaParser.parse("p.capnp",
                "@0x9d1ea7b1c3e5f701; struct R { appId @0 :Text; epochMillis @1 :Int64; }").struct("R");
        DynamicStruct pong = CaraCodec.lenient().decode(results, r.body());
        assertEquals("second", pong.get("appId"));
    }

    @Test
    void methodHeadersQueryBodyAndStatusAreKept() throws Exception {
        try (Upstream upstream = new Upstream("echo"); Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.set(registryKey + ":echo", "{\"url\":\"" + upstream.url() + "/base\",\"heartbeat\":"
                    + System.currentTimeMillis() + "}");
            HttpResponse<byte[]> r = send("PUT", "/v1.0/invoke/echo/method/orders/42/items?sort=desc&x=a%20b",
                    "{\"n\":1}".getBytes(), "X-Custom", "kept", "Content-Type", "application/json");
            assertEquals(200, r.statusCode());
            assertEquals("{\"n\":1}", new String(r.body()));
            assertEquals("PUT", r.headers().firstValue("X-Seen-Method").orElse(""));
            assertEquals("/base/orders/42/items?sort=desc&x=a%20b", r.headers().firstValue("X-Seen-Uri").orElse(""));
            assertEquals("kept", r.headers().firstValue("X-Seen-X-Custom").orElse(""));
            assertEquals(2, r.headers().allValues("Set-Cookie").size());
            assertEquals(418, send("DELETE", "/v1.0/invoke/echo/method/status/418", null).statusCode());
            assertEquals("GET", send("GET", "/v1.0/invoke/echo/method/x", null).headers().firstValue("X-Seen-Method")
                    .orElse(""));
            assertEquals("PATCH", send("PATCH", "/v1.0/invoke/echo/method/x", new byte[] {1}).headers()
                    .firstValue("X-Seen-Method").orElse(""));
        }
    }

    @Test
    void theDaprAppIdHeaderAddressesAnyPath() throws Exception {
        try (Upstream upstream = new Upstream("echo2"); Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.set(registryKey + ":echo2", "{\"url\":\"" + upstream.url() + "/base\",\"heartbeat\":"
                    + System.currentTimeMillis() + "}");
            HttpResponse<byte[]> r = send("POST", "/orders/42?sort=desc", "{\"n\":2}".getBytes(), "dapr-app-id", "echo2",
                    "X-Custom", "kept", "Content-Type", "application/json");
            assertEquals(200, r.statusCode(), new String(r.body()));
            assertEquals("{\"n\":2}", new String(r.body()));
            assertEquals("POST", r.headers().firstValue("X-Seen-Method").orElse(""));
            assertEquals("/base/orders/42?sort=desc", r.headers().firstValue("X-Seen-Uri").orElse(""));
            assertEquals("kept", r.headers().firstValue("X-Seen-X-Custom").orElse(""));
            assertTrue(r.headers().firstValue("X-Seen-dapr-app-id").isEmpty(), "the header is not forwarded");
            // the root path, and Basic auth with user dapr-app-id (credentials not forwarded either)
            HttpResponse<byte[]> root = send("GET", "/", null, "dapr-app-id", "echo2");
            assertEquals("/base/", root.headers().firstValue("X-Seen-Uri").orElse(""), new String(root.body()));
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("dapr-app-id:echo2".getBytes());
            HttpResponse<byte[]> viaBasic = send("DELETE", "/status/418", null, "Authorization", basic);
            assertEquals(418, viaBasic.statusCode());
            assertTrue(viaBasic.headers().firstValue("X-Seen-Authorization").isEmpty());
            // Dapr API paths too, those that servlet filters answer before JAX-RS among them: the app gets them
            HttpResponse<byte[]> state = send("GET", "/v1.0/state/statestore/k", null, "dapr-app-id", "echo2");
            assertEquals("/base/v1.0/state/statestore/k", state.headers().firstValue("X-Seen-Uri").orElse(""), new String(state.body()));
            HttpResponse<byte[]> actor = send("POST", "/v1.0/actors/counter/a/method/add", "1".getBytes(), "Authorization", basic);
            assertEquals("/base/v1.0/actors/counter/a/method/add", actor.headers().firstValue("X-Seen-Uri").orElse(""),
                    new String(actor.body()));
        }
        // to the second server's RPC gateway, and an unknown app id is Dapr's 404
        HttpResponse<byte[]> ping = send("POST", "/v1.0-alpha1/rpc/capa.Gateway/ping", new byte[] {(byte) 0x80},
                "dapr-app-id", "second", "Content-Type", "application/msgpack");
        assertEquals(200, ping.statusCode(), new String(ping.body()));
        assertEquals("second", CaraCodec.lenient().decode(SchemaParser.parse("p.capnp",
                "@0x9d1ea7b1c3e5f701; struct R { appId @0 :Text; }").struct("R"), ping.body()).get("appId"));
        HttpResponse<byte[]> nobody = send("GET", "/x", null, "dapr-app-id", "nobody");
        assertEquals(404, nobody.statusCode());
        assertTrue(new String(nobody.body()).contains("\"errorCode\":\"ERR_DIRECT_INVOKE\""), new String(nobody.body()));
    }

    @Test
    void configuredAppIdsAndThisServersOwnIdResolveWithoutTheRegistry() throws Exception {
        // a public path: a call relayed into this server is not a loopback client, so its Dapr API would refuse it
        HttpResponse<byte[]> loop = send("GET", "/v1.0/invoke/loop/method/health/live", null);
        assertEquals(200, loop.statusCode());
        assertTrue(new String(loop.body()).contains("UP"));
        assertEquals(200, send("GET", "/v1.0/invoke/" + Server.appId() + "/method/health/live", null).statusCode());
    }

    @Test
    void anAdminCallRelayedIntoThisServerIsNotALoopbackClient() throws Exception {
        HttpResponse<byte[]> r = send("POST", "/v1.0/invoke/" + Server.appId() + "/method/memory/functions/registration",
                "{\"function\":\"relayed\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:1\"}".getBytes(),
                "Content-Type", "application/json");
        // refused: relayed, it is no loopback client, and the token service invocation presents is not this server's
        assertEquals(403, r.statusCode(), new String(r.body()));
        HttpResponse<String> routes = Server.get("/memory/functions/list");
        assertEquals(200, routes.statusCode());
        assertTrue(!routes.body().contains("\"relayed\""), "no route was registered: " + routes.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../admin", "a/../../admin", "./x", "%2E./admin", ".%2e/admin"})
    void dotSegmentsInTheMethodPathAreRefusedBeforeForwarding(String method) throws Exception {
        try (Upstream upstream = new Upstream("dots"); Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.set(registryKey + ":dots", "{\"url\":\"" + upstream.url() + "/base\",\"heartbeat\":"
                    + System.currentTimeMillis() + "}");
            HttpResponse<byte[]> r = send("GET", "/v1.0/invoke/dots/method/" + method, null);
            assertEquals(400, r.statusCode(), new String(r.body()));
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(r.headers().firstValue("X-Seen-Uri").isEmpty(), "the upstream was not called");
        }
    }

    @Test
    void unknownAppsAndUnreachableAppsAreDaprErrors() throws Exception {
        HttpResponse<byte[]> unknown = send("GET", "/v1.0/invoke/nobody/method/x", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(new String(unknown.body()).contains("\"errorCode\":\"ERR_DIRECT_INVOKE\""));
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            // a registry entry whose server is gone: nothing listens on port 1
            jedis.set(registryKey + ":gone", "{\"url\":\"http://127.0.0.1:1\",\"heartbeat\":" + System.currentTimeMillis() + "}");
            jedis.set(registryKey + ":stale", "{\"url\":\"http://127.0.0.1:1\",\"heartbeat\":1}");
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> gone = send("POST", "/v1.0/invoke/gone/method/x", new byte[] {1});
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, gone.statusCode());
        assertTrue(new String(gone.body()).contains("is unavailable"), new String(gone.body()));
        assertFalse(new String(gone.body()).contains("127.0.0.1:1"), "the app's address stays in the log: " + new String(gone.body()));
        assertTrue(millis >= 3 * 200, "3 retries 200 ms apart, took " + millis + " ms");
        assertEquals(404, send("GET", "/v1.0/invoke/stale/method/x", null).statusCode());
    }
}
