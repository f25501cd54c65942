// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.RemoteClient;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceAccessMode;

/**
 * Traffic rules through the real server: rules put through the admin API into the test server's
 * rule store (Redis, {@code capa.traffic.rules-key}), requests through the gateway to upstreams this
 * class starts on loopback, and the sample application's outbound calls routed by a rule. Each test
 * owns its rule (a unique name and path), so the tests do not see each other's traffic.
 */
@ResourceLock(value = SharedResources.PROXY_ROUTES, mode = ResourceAccessMode.READ)
class TrafficIT {
    static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    static final String RULES = "/v1.0-alpha1/traffic/rules/";
    static TestUpstream v1;
    static TestUpstream v2;
    static TestUpstream shadow;
    static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void startUpstreams() throws Exception {
        v1 = new TestUpstream("v1");
        v2 = new TestUpstream("v2");
        shadow = new TestUpstream("shadow");
    }

    @AfterAll
    static void removeRulesAndStop() throws Exception {
        try {
            for (String name : created) {
                Server.send(Server.request(RULES + name).DELETE());
            }
        } finally {
            v1.close();
            v2.close();
            shadow.close();
        }
    }

    static String put(String name, String json) throws Exception {
        HttpResponse<String> r = Server.send(Server.request(RULES + name).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
        assertEquals(200, r.statusCode(), "PUT " + RULES + name + ": " + r.body());
        created.add(name);
        return r.body();
    }

    static String upstreams(int w1, int w2) {
        return "\"upstreams\":[{\"name\":\"v1\",\"url\":\"" + v1.url() + "\",\"weight\":" + w1 + "},{\"name\":\"v2\",\"url\":\"" + v2.url()
                + "\",\"weight\":" + w2 + "}]";
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = Server.request(path);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Server.send(b);
    }

    @Test
    void aCanarySplitHoldsItsWeightOverTenThousandRequests() throws Exception {
        String name = "canary-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(95, 5) + "}");
        int before1 = v1.hits.get();
        int before2 = v2.hits.get();
        AtomicInteger notOk = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 2500; i++) {
                        if (get("/" + name + "/item").statusCode() != 200) {
                            notOk.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(0, notOk.get(), "every request answered 200");
        int to1 = v1.hits.get() - before1;
        int to2 = v2.hits.get() - before2;
        assertEquals(10_000, to1 + to2);
        // 5 % of 10,000 is 500 with a standard deviation of about 22: 400-600 is more than 4 of them
        assertTrue(to2 >= 400 && to2 <= 600, "about 5 % to v2: v1 " + to1 + ", v2 " + to2);
    }

    @Test
    void aPinHeaderSendsEveryRequestToItsVersion() throws Exception {
        String name = "pinned-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(99, 1) + ",\"pin-header\":\"x-version\"}");
        for (int i = 0; i < 200; i++) {
            assertEquals("v2", get("/" + name, "x-version", "v2").headers().firstValue("X-Upstream").orElse(null));
            assertEquals("v1", get("/" + name, "x-version", "v1").headers().firstValue("X-Upstream").orElse(null));
        }
    }

    @Test
    void aMirrorSeesTheRequestAndTheClientGetsThePrimarysAnswer() throws Exception {
        String name = "mirrored-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(100, 0) + ",\"mirror\":{\"url\":\"" + shadow.url()
                + "\",\"percent\":100}}");
        HttpResponse<String> r = Server.send(Server.request("/" + name + "/orders?x=1").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("order 42")));
        assertEquals(200, r.statusCode());
        assertEquals("v1 /" + name + "/orders?x=1", r.body(), "the primary's answer");
        TestUpstream.Seen copy = null;
        for (int i = 0; i < 100 && copy == null; i++) {
            copy = shadow.seen.stream().filter(s -> s.uri().startsWith("/" + name)).findFirst().orElse(null);
            if (copy == null) {
                Thread.sleep(100);
            }
        }
        assertNotNull(copy, "the shadow upstream saw the copy");
        assertEquals("POST", copy.method());
        assertEquals("/" + name + "/orders?x=1", copy.uri());
        assertEquals("order 42", copy.body());
        assertEquals(name, copy.mirrorHeader());
    }

    @Test
    void aFailingUpstreamTripsItsBreaker() throws Exception {
        String name = "breaker-" + SUFFIX;
        try (TestUpstream failing = new TestUpstream("failing")) {
            failing.failing = true;
            put(name, "{\"match\":{\"path\":\"/" + name + "\"},\"upstreams\":[{\"name\":\"f\",\"url\":\"" + failing.url()
                    + "\"}],\"breaker\":{\"failures\":3,\"open-for\":\"1h\"}}");
            for (int i = 0; i < 3; i++) {
                assertEquals(503, get("/" + name).statusCode());
            }
            assertEquals(3, failing.hits.get());
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = get("/" + name);
                assertEquals(503, r.statusCode());
                assertTrue(r.body().contains("circuit breaker"), r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            }
            assertEquals(3, failing.hits.get(), "an open breaker sends nothing to the upstream");
            JsonObject f = upstreamStats(name, "f");
            assertEquals("OPEN", f.getString("breaker"));
            assertEquals(3, f.getInt("requests"));
            assertEquals(1.0, f.getJsonNumber("errorRate").doubleValue());
        }
    }

    @Test
    void safeMethodsAreRetriedOnAnotherUpstreamAndOthersAreNot() throws Exception {
        // each rule's closed port has a URL of its own: the passive health of one does not spare the other
        String gets = "retried-get-" + SUFFIX;
        put(gets, retryRule(gets, "http://127.0.0.1:1/get"));
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/" + gets).statusCode(), "a GET that met the closed port went on to v2");
        }
        String posts = "retried-post-" + SUFFIX;
        put(posts, retryRule(posts, "http://127.0.0.1:1/post"));
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            if (Server.send(Server.request("/" + posts).POST(BodyPublishers.ofString("x"))).statusCode() == 502) {
                failed++;
            }
        }
        assertTrue(failed > 0, "a POST that met the closed port is not retried: 502");
    }

    static String retryRule(String name, String down) {
        return "{\"match\":{\"path\":\"/" + name + "\"},\"upstreams\":[{\"name\":\"down\",\"url\":\"" + down + "\",\"weight\":50},"
                + "{\"name\":\"v2\",\"url\":\"" + v2.url() + "\",\"weight\":50}],\"retries\":1,\"breaker\":{\"failures\":1000}}";
    }

    @Test
    void aRuleTimeoutAnswers504() throws Exception {
        String name = "timeout-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(100, 0) + ",\"timeout\":\"300ms\"}");
        HttpResponse<String> r = get("/" + name + "/slow");
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(r.body().contains("traffic rule " + name), r.body());
    }

    @Test
    void aChangedRuleAppliesWithoutRestart() throws Exception {
        String name = "changed-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(100, 0) + "}");
        assertEquals("v1", get("/" + name).headers().firstValue("X-Upstream").orElse(null));
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(0, 100) + "}");
        assertEquals("v2", get("/" + name).headers().firstValue("X-Upstream").orElse(null), "the change applies to the next request");
        assertEquals(204, Server.send(Server.request(RULES + name).DELETE()).statusCode());
        assertEquals(404, get("/" + name).statusCode(), "no rule: the gateway's own 404");
    }

    @Test
    void theGatewaysOwnApisAreNeverRouted() throws Exception {
        String name = "everything-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/\",\"headers\":{\"x-traffic-it\":\"" + name + "\"}}," + upstreams(100, 0) + "}");
        assertEquals("v1", get("/anything", "x-traffic-it", name).headers().firstValue("X-Upstream").orElse(null));
        HttpResponse<String> health = get("/v1.0/healthz", "x-traffic-it", name);
        assertEquals(204, health.statusCode());
        assertNull(health.headers().firstValue("X-Upstream").orElse(null));
        assertEquals(200, get(RULES + name, "x-traffic-it", name).statusCode());
    }

    @Test
    void badRulesAndViewersAreRefused() throws Exception {
        HttpResponse<String> bad = Server.send(Server.request(RULES + "bad-" + SUFFIX).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"upstreams\":[{\"url\":\"ftp://x\"}]}")));
        assertEquals(400, bad.statusCode());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
        assertTrue(bad.body().contains("not an http"), bad.body());
        // from off loopback (a network namespace): loopback clients are trusted by default
        String viewer = "Basic " + Base64.getEncoder().encodeToString("it-viewer:it-viewer-pw".getBytes());
        String rule = "{\"upstreams\":[{\"url\":\"http://127.0.0.1:1\"}]}";
        RemoteClient.Answer anonymous = RemoteClient.send("PUT", RULES + "remote-" + SUFFIX, rule, "Content-Type", "application/json");
        assertEquals(401, anonymous.status(), anonymous.toString());
        RemoteClient.Answer asViewer = RemoteClient.send("PUT", RULES + "remote-" + SUFFIX, rule, "Content-Type", "application/json",
                "Authorization", viewer);
        assertEquals(403, asViewer.status(), asViewer.toString());
        assertEquals(401, RemoteClient.get("/v1.0-alpha1/traffic/stats").status());
        assertEquals(200, RemoteClient.get("/v1.0-alpha1/traffic/stats", "Authorization", viewer).status());
        assertEquals(200, RemoteClient.get(RULES.substring(0, RULES.length() - 1), "Authorization", viewer).status());
        assertEquals(404, get(RULES + "remote-" + SUFFIX).statusCode(), "nothing was stored");
    }

    @Test
    void theRulesFileIsLoadedAtStart() throws Exception {
        HttpResponse<String> r = get(RULES + "from-file");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("file-rule.test"), r.body());
    }

    @Test
    void trafficShowsInTheJsonViewAndTheMetrics() throws Exception {
        String name = "seen-" + SUFFIX;
        put(name, "{\"match\":{\"path\":\"/" + name + "\"}," + upstreams(50, 50) + "}");
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/" + name).statusCode());
        }
        JsonObject a = upstreamStats(name, "v1");
        JsonObject b = upstreamStats(name, "v2");
        assertEquals(20, a.getInt("requests") + b.getInt("requests"));
        assertEquals(0.5, a.getJsonNumber("share").doubleValue());
        assertTrue(a.getJsonNumber("requestsPerSecond").doubleValue() + b.getJsonNumber("requestsPerSecond").doubleValue() > 0);
        assertTrue(a.getJsonObject("latencyMs").getJsonNumber("p99").doubleValue() > 0 || a.getInt("requests") == 0);
        String metrics = Server.get("/metrics?scope=application").body();
        assertTrue(metrics.contains("capa_traffic_requests_total{") && metrics.contains("rule=\"" + name + "\""), "metrics show the rule");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("capa_traffic_weight{") && l.contains("rule=\"" + name + "\"")
                && l.contains("upstream=\"v1\"") && l.endsWith(" 50.0")), "the weight in force is a gauge");
    }

    @Test
    void theSampleApplicationsOutboundCallsAreRoutedByRule() throws Exception {
        String name = "inventory";
        put(name, "{\"match\":{\"host\":\"inventory\"}," + upstreams(100, 0) + ",\"pin-header\":\"x-version\"}");
        HttpResponse<String> r = get("/sample/stock/42");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("v1 /stock/42", r.body());
        assertEquals("v2 /stock/42", get("/sample/stock/42", "x-version", "v2").body(), "pinned through the outbound call");
        put(name, "{\"match\":{\"host\":\"inventory\"}," + upstreams(0, 100) + "}");
        Server.await("/sample/stock/7", resp -> "v2 /stock/7".equals(resp.body()), Duration.ofSeconds(5));
        String metrics = Server.get("/metrics?scope=application").body();
        assertTrue(metrics.contains("rule=\"inventory\""), "the sample's outbound calls are in the metrics");
    }

    static JsonObject upstreamStats(String rule, String upstream) throws Exception {
        HttpResponse<String> r = get("/v1.0-alpha1/traffic/stats");
        assertEquals(200, r.statusCode());
        JsonObject view = Json.createReader(new StringReader(r.body())).readObject();
        return view.getJsonArray("routes").stream().map(v -> v.asJsonObject()).filter(o -> o.getString("rule").equals(rule)).findFirst()
                .orElseThrow().getJsonArray("upstreams").stream().map(v -> v.asJsonObject()).filter(o -> o.getString("name").equals(upstream))
                .findFirst().orElseThrow();
    }
}
