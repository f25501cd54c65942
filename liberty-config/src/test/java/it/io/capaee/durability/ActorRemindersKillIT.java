// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;

/**
 * A server with the Redis backend is killed ({@code kill -9}) while one-shot reminders come due,
 * some before the kill, some while it is down, some after it is back: each fires exactly once.
 * The fires are counted from the actors' state in Redis, so the count does not depend on the server.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class ActorRemindersKillIT {
    private static final int ACTORS = 40;
    /** The first reminder is due after this, the others one step apart. */
    private static final Duration FIRST_DUE = Duration.ofSeconds(3);
    private static final Duration STEP = Duration.ofMillis(500);
    /** When the server is killed, counted from the first registration: about a quarter have fired. */
    private static final Duration KILL_AT = Duration.ofSeconds(8);
    private static final String PREFIX = "capa:it:" + System.getProperty("http.port", "9089") + ":kill-actors:";

    private static SecondServer server;

    @BeforeAll
    static void start() throws Exception {
        clean();
        server = SecondServer.start("capa-kill-actors", 8, Map.of(
                "capa.kv.backend", "redis",
                "capa.actors.classes", "io.capaee.actors.examples.CounterActor",
                "capa.actors.key-prefix", PREFIX,
                "capa.actors.scan-interval", "PT1S"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        clean();
    }

    private static void clean() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys(PREFIX + "*").forEach(redis::del);
        }
    }

    @Test
    void eachReminderFiresOnceWhetherItCameDueBeforeTheKillWhileTheServerWasDownOrAfter() throws Exception {
        long first = System.nanoTime();
        for (int i = 0; i < ACTORS; i++) {
            Duration due = FIRST_DUE.plus(STEP.multipliedBy(i)).minus(Duration.ofNanos(System.nanoTime() - first));
            HttpResponse<String> created = post("/v1.0/actors/counter/r-" + i + "/reminders/wake",
                    "{\"dueTime\":\"" + Math.max(0, due.toMillis()) + "ms\",\"data\":\"" + i + "\"}");
            assertEquals(204, created.statusCode(), created.body());
        }
        long untilKill = KILL_AT.toNanos() - (System.nanoTime() - first);
        assertTrue(untilKill > 0, "registering took longer than " + KILL_AT + ": no reminder would come due before the kill");
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(untilKill);

        server.kill();
        Map<String, Integer> atKill = fires();
        Thread.sleep(2_000); // a few come due while nothing runs
        Duration ready = server.startAgain();

        Duration lastDue = FIRST_DUE.plus(STEP.multipliedBy(ACTORS - 1));
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Integer> now = fires();
        while (now.size() < ACTORS && System.nanoTime() < end) {
            Thread.sleep(250);
            now = fires();
        }
        // past the last due time and a few scans, so a second fire would have happened by now
        long settle = lastDue.toNanos() + Duration.ofSeconds(3).toNanos() - (System.nanoTime() - first);
        if (settle > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(settle);
        }
        Thread.sleep(3_000);
        now = fires();

        List<String> twice = new ArrayList<>();
        now.forEach((id, count) -> {
            if (count != 1) {
                twice.add(id + "=" + count);
            }
        });
        System.out.printf("reminders: %d registered, %d fired before the kill, %d after the restart, %d missing, fired more than once: %s;"
                + " server ready %d ms after start%n", ACTORS, atKill.size(), now.size() - atKill.size(), ACTORS - now.size(), twice,
                ready.toMillis());
        assertTrue(atKill.size() > 0 && atKill.size() < ACTORS, "the kill must fall between fires; fired before it: " + atKill.size());
        assertEquals(ACTORS, now.size(), "every reminder fires: " + now);
        assertEquals(List.of(), twice, "no reminder fires twice");
        for (int i = 0; i < ACTORS; i++) {
            assertEquals(404, get("/v1.0/actors/counter/r-" + i + "/reminders/wake").statusCode(), "a one-shot reminder is gone once fired");
        }
    }

    /** How often each actor's reminder fired, from its state in Redis (actors that have not fired are absent). */
    private static Map<String, Integer> fires() {
        Map<String, Integer> fires = new TreeMap<>();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            for (int i = 0; i < ACTORS; i++) {
                String doc = redis.get(PREFIX + "state||counter||r-" + i);
                if (doc == null) {
                    continue;
                }
                JsonObject state = Json.createReader(new StringReader(doc)).readObject();
                if (state.containsKey("reminded.wake")) {
                    fires.put("r-" + i, Integer.parseInt(state.get("reminded.wake").toString()));
                }
            }
        }
        return fires;
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return Actors.send(HttpRequest.newBuilder(URI.create(server.base + path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Actors.send(HttpRequest.newBuilder(URI.create(server.base + path)));
    }
}
