// SPDX-License-Identifier: Apache-2.0
package it.io.capaee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Two servers sharing routes through the real Redis: the test server, and a second Liberty
 * server {@code capa2} started here from a copy of the first (its ports + 1, an admin token).
 */
class SharedRoutesIT {
    static final String TOKEN = "it-secret-token";
    static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    static Path wlp;
    static String base2;
    static String routesKey;

    @BeforeAll
    static void startSecondServer() throws Exception {
        Path first = Server.dir();
        wlp = first.getParent().getParent().getParent();
        Path second = first.getParent().resolve("capa2");
        stop();
        deleteTree(second);
        try (Stream<Path> files = Files.walk(first)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = first.relativize(p);
                if (rel.startsWith("logs") || rel.startsWith("workarea") || rel.startsWith("functions") || rel.startsWith("function-files")) {
                    continue;
                }
                Path target = second.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(first.resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        int http = Integer.parseInt(bootstrap.getProperty("http.port")) + 1;
        int https = Integer.parseInt(bootstrap.getProperty("https.port")) + 1;
        routesKey = bootstrap.getProperty("proxy.routes-key");
        bootstrap.setProperty("http.port", String.valueOf(http));
        bootstrap.setProperty("https.port", String.valueOf(https));
        bootstrap.setProperty("capa.kv.backend", "redis");
        bootstrap.setProperty("capa.admin.token", TOKEN);
        bootstrap.setProperty("proxy.routes-file", ""); // the first server loaded it already
        bootstrap.remove("functions.from-config.wasm");
        // actors: one server owns an actor (the second one would also fire the first one's reminders)
        bootstrap.stringPropertyNames().stream().filter(k -> k.startsWith("capa.actors.")).forEach(bootstrap::remove);
        try (OutputStream out = Files.newOutputStream(second.resolve("bootstrap.properties"))) {
            bootstrap.store(out, "second server of SharedRoutesIT");
        }
        base2 = "http://localhost:" + http;
        run("start");
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (get(base2 + "/memory/functions/list").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the second server did not answer on " + base2 + "; see " + second.resolve("logs"));
    }

    @AfterAll
    static void stopSecondServerAndCleanRedis() throws Exception {
        try {
            for (String f : new String[] {"one-" + SUFFIX, "two-" + SUFFIX}) {
                ProxyIT.delete("/memory/functions/registration", "{\"function\":\"" + f + "\"}");
            }
        } finally {
            stop();
            try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                if ("{}".equals(jedis.get(routesKey))) {
                    jedis.del(routesKey);
                }
            }
        }
    }

    private static void stop() throws Exception {
        if (wlp != null && Files.isDirectory(wlp.resolve("usr/servers/capa2"))) {
            run("stop");
        }
    }

    private static void run(String action) throws Exception {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "capa2")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " capa2 did not finish");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(url)));
    }

    static HttpResponse<String> post(String url, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
        if (token != null) {
            b.header("CAPSULE_REVERSE_PROXY_ADMIN_TOKEN", token);
        }
        return Server.send(b);
    }

    /** Milliseconds until {@code url}'s body contains {@code text}; fails after 5 s. */
    static long millisUntilSeen(String url, String text, long since) throws Exception {
        while (System.nanoTime() - since < Duration.ofSeconds(5).toNanos()) {
            if (get(url).body().contains(text)) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(text + " never appeared at " + url);
    }

    @Test
    void aRouteRegisteredOnOneServerIsServedByTheOtherWithinASecond() throws Exception {
        try (Upstream up = new Upstream("shared")) {
            String f = "one-" + SUFFIX;
            long t0 = System.nanoTime();
            assertEquals(202, ProxyIT.post("/memory/functions/registration",
                    "{\"function\":\"" + f + "\",\"revision\":\"default\",\"url\":\"" + up.url() + "\"}").statusCode());
            long ms = millisUntilSeen(base2 + "/memory/functions/list", "\"" + f + "\"", t0);
            assertTrue(ms <= 1000, "seen on the second server after " + ms + " ms");
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
        assertTrue(ms <= 1000, "seen on the first server after " + ms + " ms");
    }
}
