// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;

/**
 * Two servers sharing their actors ({@code capa.actors.placement=partitioned}) on the real Redis: they
 * split the partitions between them, either one reaches every actor with one activation and exclusive
 * turns, and when one is killed ({@code kill -9}) the other takes its actors over with their saved state
 * and fires every reminder exactly once; restarted, it gets its share back.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
@ResourceLock(SharedResources.EXTRA_SERVER_B)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActorGroupIT {
    private static final int PARTITIONS = 16;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final String PREFIX = "capa:it:" + System.getProperty("http.port", "9089") + ":group-actors:";
    private static SecondServer a;
    private static SecondServer b;

    @BeforeAll
    static void start() throws Exception {
        clean();
        a = SecondServer.start("capa-group-a", 16, group());
        b = SecondServer.start("capa-group-b", 17, group());
        awaitSplit(Duration.ofSeconds(60));
    }

    private static Map<String, String> group() {
        return Map.of("capa.kv.backend", "redis",
                "capa.actors.classes", "io.capaee.actors.examples.CounterActor",
                "capa.actors.key-prefix", PREFIX,
                "capa.actors.placement", "partitioned",
                "capa.actors.partitions", String.valueOf(PARTITIONS),
                "capa.actors.lease-duration", "PT" + LEASE.toSeconds() + "S",
                "capa.actors.scan-interval", "PT1S");
    }

    @AfterAll
    static void stop() throws Exception {
        for (SecondServer s : new SecondServer[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        clean();
    }

    private static void clean() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys(PREFIX + "*").forEach(redis::del);
        }
    }

    /** The partitions each member owns, as {@code server}'s {@code GET /v1.0/actors} shows the group. */
    private static Map<String, List<Integer>> members(SecondServer server) throws Exception {
        HttpResponse<String> r = Actors.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0/actors")));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
        Map<String, List<Integer>> members = new TreeMap<>();
        for (JsonValue v : body.getJsonArray("members") == null ? JsonValue.EMPTY_JSON_ARRAY : body.getJsonArray("members")) {
            JsonObject m = v.asJsonObject();
            List<Integer> partitions = new ArrayList<>();
            m.getJsonArray("partitions").forEach(p -> partitions.add(Integer.parseInt(p.toString())));
            members.put(m.getString("url"), partitions);
        }
        return members;
    }

    /** Waits until both servers are members and own half of the partitions each. */
    private static Map<String, List<Integer>> awaitSplit(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        Map<String, List<Integer>> members = members(a);
        while (System.nanoTime() < end) {
            members = members(a);
            if (members.size() == 2 && members.values().stream().allMatch(p -> p.size() == PARTITIONS / 2)) {
                return members;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the partitions were not split between the two servers within " + limit + ": " + members);
    }

    private static HttpResponse<String> call(SecondServer via, String path, String json) throws Exception {
        return Actors.send(HttpRequest.newBuilder(URI.create(via.base + "/v1.0/actors/" + path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    private static String stored(String id, String key) {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            String doc = redis.get(PREFIX + "state||counter||" + id);
            if (doc == null) {
                return null;
            }
            JsonValue v = Json.createReader(new StringReader(doc)).readObject().get(key);
            return v == null ? null : v.toString();
        }
    }

    @Test
    @Order(1)
    void theServersSplitThePartitionsAndEitherReachesEveryActorWithExclusiveTurns() throws Exception {
        Map<String, List<Integer>> members = awaitSplit(Duration.ofSeconds(30));
        Set<Integer> all = new HashSet<>();
        members.values().forEach(all::addAll);
        assertEquals(PARTITIONS, all.size(), "every partition has exactly one owner: " + members);

        // 20 actors, each called 10 times, the calls alternating between the servers and 8 in flight at once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 20; i++) {
                    SecondServer via = (round + i) % 2 == 0 ? a : b;
                    String id = "shared-" + i;
                    calls.add(pool.submit(() -> call(via, "counter/" + id + "/method/turn", "")));
                }
            }
            for (Future<HttpResponse<String>> f : calls) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("10", stored("shared-" + i, "count"), "every turn of shared-" + i + " counted once");
            assertEquals(null, stored("shared-" + i, "overlaps"), "no two turns of shared-" + i + " overlapped");
            assertEquals("1", stored("shared-" + i, "activations"), "shared-" + i + " was activated once, on its owner");
        }
        HttpResponse<String> metadata = Actors.send(HttpRequest.newBuilder(URI.create(b.base + "/v1.0/metadata")));
        JsonArray group = Json.createReader(new StringReader(metadata.body())).readObject().getJsonArray("actorGroup");
        assertEquals(2, group.size(), metadata.body());
    }

    @Test
    @Order(2)
    void whenAServerIsKilledTheOtherTakesItsActorsOverAndFiresEveryReminderOnce() throws Exception {
        Map<String, List<Integer>> before = awaitSplit(Duration.ofSeconds(30));
        // one-shot reminders on 30 actors of both servers, due 4 to 10 s from now: the kill falls in between
        int actors = 30;
        for (int i = 0; i < actors; i++) {
            HttpResponse<String> r = call(i % 2 == 0 ? a : b, "counter/wake-" + i + "/reminders/wake",
                    "{\"dueTime\":\"" + (4000 + 200 * i) + "ms\"}");
            assertEquals(204, r.statusCode(), r.body());
            assertEquals(200, call(a, "counter/kept-" + i + "/method/add", "5").statusCode());
        }
        Thread.sleep(5_000);
        long killed = System.nanoTime();
        b.kill();

        // b's actors answer on a once b's leases ran out, with the state they saved
        Map<String, Long> firstAnswerMillis = new HashMap<>();
        for (int i = 0; i < actors; i++) {
            HttpResponse<String> r = call(a, "counter/kept-" + i + "/method/add", "1");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("6", r.body(), "kept-" + i + " answered with its saved state");
            firstAnswerMillis.put("kept-" + i, (System.nanoTime() - killed) / 1_000_000);
        }
        Map<String, Integer> fires = new TreeMap<>();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            fires.clear();
            for (int i = 0; i < actors; i++) {
                String n = stored("wake-" + i, "reminded.wake");
                if (n != null) {
                    fires.put("wake-" + i, Integer.parseInt(n));
                }
            }
            if (fires.size() == actors) {
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(3_000); // a second fire would have happened by now
        List<String> twice = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            String n = stored("wake-" + i, "reminded.wake");
            if (n != null && !n.equals("1")) {
                twice.add("wake-" + i + "=" + n);
            }
        }
        long slowest = firstAnswerMillis.values().stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf("GROUP kill: %d reminders, %d fired, fired twice: %s; the killed server's actors answered on the other "
                + "within %d ms of the kill (lease %s); partitions before: %s%n", actors, fires.size(), twice, slowest, LEASE, before);
        assertEquals(actors, fires.size(), "every reminder fired: " + fires);
        assertEquals(List.of(), twice, "no reminder fired twice");

        // restarted, b gets its share back
        b.startAgain();
        awaitSplit(Duration.ofSeconds(60));
        for (int i = 0; i < actors; i++) {
            HttpResponse<String> r = call(b, "counter/kept-" + i + "/method/get", "");
            assertEquals("6", r.body(), "kept-" + i + " through the restarted server");
        }
    }
}
