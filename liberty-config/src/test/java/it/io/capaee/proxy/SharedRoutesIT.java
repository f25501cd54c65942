// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.Upstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.Jedis;

/**
 * Two servers sharing routes through the real Redis: the test server, and a second Liberty
 * server {@code capa2} started here from a copy of the first (its ports + 1, an admin token).
 */
@ResourceLock(SharedResources.PROXY_ROUTES)
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class SharedRoutesIT {
    static final String TOKEN = "it-secret-token";
    static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    static SecondServer second;
    static String base2;
    static String routesKey;

    @BeforeAll
    static void startSecondServer() throws Exception {
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(Server.dir().resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        routesKey = bootstrap.getProperty("capa.proxy.routes-key");
        second = SecondServer.start("capa2", 1, Map.of("capa.kv.backend", "redis", "capa.admin.token", TOKEN));
        base2 = second.base;
    }

    @AfterAll
    static void stopSecondServerAndCleanRedis() throws Exception {
        try {
            for (String f : new String[] {"one-" + SUFFIX, "two-" + SUFFIX}) {
                ProxyIT.delete("/memory/functions/registration", "{\"function\":\"" + f + "\"}");
            }
        } finally {
            if (second != null) {
                second.close();
            }
            try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                if ("{}".equals(jedis.get(routesKey))) {
                    jedis.del(routesKey);
                }
            }
        }
    }

    /** A GET with the second server's admin token (its listings need a viewer; the first server ignores it). */
    static HttpResponse<String> get(String url) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN));
    }

    static HttpResponse<String> post(String url, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
        if (token != null) {
            b.header("CAPSULE_REVERSE_PROXY_ADMIN_TOKEN", token);
        }
        return Server.send(b);
    }

    /**
     * Milliseconds until {@code url}'s body contains {@code text}; fails after 30 s. The time is
     * printed, not asserted: that a route reaches the other server is the property, how fast it does
     * depends on the machine's load (speed belongs in bench/).
     */
    static long millisUntilSeen(String url, String text, long since) throws Exception {
        while (System.nanoTime() - since < Duration.ofSeconds(30).toNanos()) {
            if (get(url).body().contains(text)) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(text + " never appeared at " + url);
    }

    @Test
    void aRouteRegisteredOnOneServerIsServedByTheOther() throws Exception {
        try (Upstream up = new Upstream("shared")) {
            String f = "one-" + SUFFIX;
            long t0 = System.nanoTime();
            assertEquals(202, ProxyIT.post("/memory/functions/registration",
                    "{\"function\":\"" + f + "\",\"revision\":\"default\",\"url\":\"" + up.url() + "\"}").statusCode());
            long ms = millisUntilSeen(base2 + "/memory/functions/list", "\"" + f + "\"", t0);
            System.out.println("route seen on the second server after " + ms + " ms");
            HttpResponse<String> r = get(base2 + "/functions/" + f + "/hi?x=1");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("shared", r.headers().firstValue("X-Upstream").orElse(""));
            assertEquals("/hi?x=1", r.headers().firstValue("X-Seen-Uri").orElse(""));
        }
    }

    @Test
    void theSecondServerWantsItsAdminTokenAndItsChangesReachTheFirst() throws Exception {
        String f = "two-" + SUFFIX;
        String body = "{\"function\":\"" + f + "\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:5050\"}";
        HttpResponse<String> none = post(base2 + "/memory/functions/registration", body, null);
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.body().contains("\"code\":\"KO\""), none.body());
        assertEquals(403, post(base2 + "/memory/functions/registration", body, "wrong").statusCode());
        long t0 = System.nanoTime();
        assertEquals(202, post(base2 + "/memory/functions/registration", body, TOKEN).statusCode());
        long ms = millisUntilSeen(Server.base() + "/memory/functions/list", "\"" + f + "\"", t0);
        System.out.println("route seen on the first server after " + ms + " ms");
    }
}
