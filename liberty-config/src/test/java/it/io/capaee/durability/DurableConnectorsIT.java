// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.kafka.NumberedRecords;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Connectors deployed through the API come back by themselves after a restart and after a crash
 * ({@code kill -9}), as they were (running or stopped), and resume from their durable position at
 * the source: nothing published meanwhile is lost. Runs second servers on loopback (ports moved by
 * 6 and 7) with the real NATS JetStream, Redis and the build's Kafka broker; prints its figures.
 */
@ResourceLock(value = SharedResources.KAFKA, mode = ResourceAccessMode.READ)
@ResourceLock(SharedResources.EXTRA_SERVER_A)
@ResourceLock(SharedResources.DESIRED_STATE)
class DurableConnectorsIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String API = "/v1.0-alpha1/connectors";
    private static final int MESSAGES = 2_000;
    private static final int CONNECTORS = 20;
    // a message delivered but not acknowledged when the server died comes again after the consumer's ack wait (30 s)
    private static final Duration DELIVERED = Duration.ofSeconds(150);

    private static Connection nats;
    private static JedisPooled redis;
    private static final List<String> streams = new ArrayList<>();
    private static final List<String> redisKeys = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        nats = Nats.connect("nats://127.0.0.1:4222");
        redis = new JedisPooled("127.0.0.1", 6379);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String stream : streams) {
            try {
                nats.jetStreamManagement().deleteStream(stream);
            } catch (JetStreamApiException e) {
                // already gone
            }
        }
        redisKeys.forEach(redis::del);
        nats.close();
        redis.close();
    }

    @Test
    void aKilledServerBringsBackItsConnectorsByItselfAndNoMessageIsLost() throws Exception {
        String run = run();
        String subject = "capa.it." + PORT + ".kill." + run;
        stream(subject);
        String topic = "capa-it-" + PORT + "-kill-" + run;
        String sinkStream = redisKey("capa:it:" + PORT + ":kill:" + run);
        String name = "capa-durable-kill";
        clearDesiredState("capa:desired:" + Server.appId() + "@" + name + ":");
        try (SecondServer server = SecondServer.start(name, 6, Map.of("capa.connectors.files", ""))) {
            String toKafka = "kill-kafka-" + run;
            String toRedis = "kill-redis-" + run;
            deploy(server, toKafka, """
                    consumer:
                      nats: { url: "nats://127.0.0.1:4222" }
                      stream: { subject: "%s" }
                    sink:
                      type: kafka
                      config: { seed_brokers: [ "%s" ], topic: "%s" }
                    """.formatted(subject, KafkaBroker.bootstrap(), topic));
            deploy(server, toRedis, """
                    consumer:
                      nats: { url: "nats://127.0.0.1:4222" }
                      stream: { subject: "%s" }
                    sink:
                      type: redis_streams
                      config: { stream: "%s" }
                    """.formatted(subject, sinkStream));
            String stopped = "kill-stopped-" + run;
            deploy(server, stopped, "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: %s.stopped } }\n"
                    .formatted(subject) + "sink: { type: nats, config: { subject: %s.stopped-out } }\n".formatted(subject));
            assertEquals(200, post(server.base, API + "/" + stopped + "/stop", "").statusCode());
            String deleted = "kill-deleted-" + run;
            deploy(server, deleted, "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: %s.deleted } }\n"
                    .formatted(subject) + "sink: { type: nats, config: { subject: %s.deleted-out } }\n".formatted(subject));
            assertEquals(204, delete(server.base, API + "/" + deleted).statusCode());

            AtomicInteger published = new AtomicInteger();
            Thread publisher = new Thread(() -> publish(subject, published), "publisher");
            publisher.start();
            long movedAtKill = awaitCount(() -> redis.xlen(sinkStream), MESSAGES / 5, Duration.ofSeconds(60));
            server.kill();
            int publishedAtKill = published.get();
            long killedAt = System.nanoTime();
            publisher.join(Duration.ofSeconds(120).toMillis());
            assertEquals(MESSAGES, published.get(), "every message was published (and stored by JetStream)");
            assertTrue(movedAtKill < MESSAGES, "killed while the connectors were moving messages: " + movedAtKill);

            Duration ready = server.startAgain();
            Duration listed = awaitListed(server.base, Map.of(toKafka, "running", toRedis, "running", stopped, "stopped"));
            JsonArray all = json(get(server.base, API).body()).asJsonArray();
            assertTrue(all.stream().noneMatch(c -> c.asJsonObject().getString("id").equals(deleted)), "the deleted one stays deleted: " + all);

            Map<Integer, Integer> kafka = kafkaNumbers(topic);
            Duration kafkaDone = Duration.ofNanos(System.nanoTime() - killedAt);
            Map<Integer, Integer> redisSink = redisNumbers(sinkStream);
            Duration allDone = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.printf("durable connectors, kill -9: sent %d (%d before the kill, %d moved to Redis by then);"
                    + " server ready %d ms after startAgain, connectors listed %d ms after;"
                    + " JetStream->Kafka: %d delivered, %d duplicates %s, all in %d ms after the kill;"
                    + " JetStream->Redis: %d delivered, %d duplicates %s, all in %d ms after the kill%n",
                    MESSAGES, publishedAtKill, movedAtKill, ready.toMillis(), listed.toMillis(),
                    total(kafka), duplicates(kafka).size(), head(duplicates(kafka)), kafkaDone.toMillis(),
                    total(redisSink), duplicates(redisSink).size(), head(duplicates(redisSink)), allDone.toMillis());
            assertEquals(List.of(), missing(kafka), "no message lost on the way to Kafka");
            assertEquals(List.of(), missing(redisSink), "no message lost on the way to Redis");
            JsonObject status = json(get(server.base, API + "/" + toKafka).body()).asJsonObject();
            assertEquals("running", status.getString("state"), status.toString());
            assertEquals("api", status.getString("origin"));
            for (String id : List.of(toKafka, toRedis, stopped)) {
                assertEquals(204, delete(server.base, API + "/" + id).statusCode());
            }
        }
    }

    @Test
    void twentyStoredConnectorsRunAgainAfterARestartAndABrokenOneIsReportedNotHalfStarted() throws Exception {
        String run = run();
        String sinkStream = redisKey("capa:it:" + PORT + ":restart:" + run);
        try (SecondServer server = SecondServer.start("capa-durable-restart", 7,
                Map.of("capa.connectors.files", "", "capa.desired-state.store", "file"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CONNECTORS; i++) {
                String id = "restart-" + i + "-" + run;
                deploy(server, id, "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: %s } }\n"
                        .formatted(subject(run, i)) + "sink: { type: redis_streams, config: { stream: '%s' } }\n".formatted(sinkStream));
                ids.add(id);
            }
            Path stored = server.dir().resolve("desired-state/connector");
            assertTrue(Files.isRegularFile(stored.resolve(ids.get(0) + ".json")), "stored in the server's output directory");
            String broken = "broken-" + run;
            Files.writeString(stored.resolve(broken + ".json"), Json.createObjectBuilder().add("format", 1).add("kind", "connector")
                    .add("id", broken).add("updatedAt", "2026-12-06T14:00:00Z").add("spec", Json.createObjectBuilder()
                            .add("document", "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: x } }\n"
                                    + "sink: { type: amqp }\n").add("state", "running")).build().toString());

            server.close();
            String stopLog = Files.readString(server.dir().resolve("logs/messages.log"));
            assertTrue(!stopLog.contains("did not stop within"), "the stop closed every connector: "
                    + stopLog.lines().filter(l -> l.contains("did not stop within")).limit(3).toList());
            long start = System.nanoTime();
            Duration ready = server.startAgain();
            Map<String, String> expected = ids.stream().collect(Collectors.toMap(id -> id, id -> "running"));
            Duration listed = awaitListed(server.base, expected);
            awaitConnected(server.base, ids);
            System.out.printf("durable connectors, restart with %d stored: server ready %d ms, all listed running %d ms,"
                    + " all connected %d ms after the start command%n", CONNECTORS, ready.toMillis(),
                    ready.plus(listed).toMillis(), Duration.ofNanos(System.nanoTime() - start).toMillis());

            for (int i = 0; i < CONNECTORS; i++) {
                nats.publish(subject(run, i), ("after-restart-" + i).getBytes(StandardCharsets.UTF_8));
            }
            awaitCount(() -> redis.xlen(sinkStream), CONNECTORS, Duration.ofSeconds(30));

            JsonObject failed = json(get(server.base, API + "/" + broken).body()).asJsonObject();
            assertEquals("failed", failed.getString("state"), failed.toString());
            assertTrue(failed.getString("lastError").contains("unknown sink 'amqp'"), failed.toString());
            assertTrue(json(get(server.base, API).body()).asJsonArray().contains(failed), "listed among the others");
            assertEquals(409, post(server.base, API + "/" + broken + "/start", "").statusCode(), "not half-started");
            JsonObject check = connectorsCheck(server);
            assertEquals("UP", check.getString("status"), check.toString());
            assertTrue(check.getJsonObject("data").getString("failed " + broken).contains("unknown sink 'amqp'"), check.toString());
            assertEquals(stored.getParent().toString(), check.getJsonObject("data").getString("desired-state"));
            assertEquals(204, delete(server.base, API + "/" + broken).statusCode(), "a failed one is deleted from the store");
            assertTrue(Files.notExists(stored.resolve(broken + ".json")));

            // a store that cannot be written: the deploy is undone and the answer names the store
            Path aside = stored.resolveSibling("connector.aside");
            Files.move(stored, aside);
            Files.writeString(stored, "not a directory");
            try {
                HttpResponse<String> refused = post(server.base, API + "?id=unstored-" + run,
                        "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: %s } }\n".formatted(subject(run, 99))
                                + "sink: { type: nats, config: { subject: %s.out } }\n".formatted(subject(run, 99)));
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
                JsonObject problem = json(refused.body()).asJsonObject();
                assertEquals("urn:capa-ee:problem:desired-state-unavailable", problem.getString("type"));
                assertTrue(problem.getString("detail").contains(stored.getParent().toString()), problem.toString());
                assertEquals(404, get(server.base, API + "/unstored-" + run).statusCode(), "the deploy was undone");
            } finally {
                Files.delete(stored);
                Files.move(aside, stored);
            }
        }
    }

    @Test
    void serversSharingTheDesiredStateFollowEachOthersDeploysStopsAndDeletes() throws Exception {
        String run = run();
        Map<String, String> changes = new HashMap<>();
        changes.put("capa.connectors.files", "");
        changes.put("capa.desired-state.key-prefix", "capa:desired:" + Server.appId() + ":"); // the first server's
        changes.put("capa.desired-state.interval", "PT1S");
        try (SecondServer second = SecondServer.start("capa-durable-shared", 7, changes)) {
            String first = Server.base();
            String id = "shared-" + run;
            String document = "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: %s } }\n".formatted(subject(run, 0))
                    + "sink: { type: nats, config: { subject: %s.out } }\n".formatted(subject(run, 0));
            assertEquals(201, post(first, API + "?id=" + id, document).statusCode());
            try {
                awaitListed(second.base, Map.of(id, "running"));
                assertEquals(200, post(first, API + "/" + id + "/stop", "").statusCode());
                awaitListed(second.base, Map.of(id, "stopped"));
            } finally {
                assertEquals(204, delete(first, API + "/" + id).statusCode());
            }
            awaitGone(second.base, id);

            // and the other way: the first server reads the store every 10 s (the default)
            String back = "shared-back-" + run;
            assertEquals(201, post(second.base, API + "?id=" + back, document.replace(".out", ".back")).statusCode());
            try {
                awaitListed(first, Map.of(back, "running"));
            } finally {
                assertEquals(204, delete(second.base, API + "/" + back).statusCode());
            }
            awaitGone(first, back);
        }
    }

    // --- helpers

    private static String run() {
        return Long.toHexString(System.nanoTime());
    }

    private static String subject(String run, int i) {
        return "capa.it." + PORT + ".durable." + run + "." + i;
    }

    private static String redisKey(String key) {
        redisKeys.add(key);
        return key;
    }

    private static void clearDesiredState(String prefix) {
        redis.keys(prefix + "*").forEach(redis::del);
    }

    private static void stream(String subject) throws Exception {
        String name = "CAPA_IT_" + PORT + "_" + subject.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
        nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(subject)
                .storageType(StorageType.File).build());
        streams.add(name);
    }

    /** Publishes the numbers 0 to MESSAGES-1, each acknowledged (stored) by JetStream, paced so the kill falls in between. */
    private static void publish(String subject, AtomicInteger published) {
        try {
            for (int i = 0; i < MESSAGES; i++) {
                nats.jetStream().publish(subject, String.valueOf(i).getBytes(StandardCharsets.UTF_8));
                published.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing stopped at " + published.get(), e);
        }
    }

    private static void deploy(SecondServer server, String id, String document) throws Exception {
        HttpResponse<String> r = post(server.base, API + "?id=" + id, document);
        assertEquals(201, r.statusCode(), r.body());
        awaitConnected(server.base, List.of(id));
    }

    /** Waits until the listing shows every connector of {@code states} in its state; returns how long that took. */
    private static Duration awaitListed(String base, Map<String, String> states) throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(60).toNanos();
        Map<String, String> listed = Map.of();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = get(base, API);
            if (r.statusCode() == 200) {
                listed = json(r.body()).asJsonArray().stream().map(JsonValue::asJsonObject)
                        .filter(c -> states.containsKey(c.getString("id")))
                        .collect(Collectors.toMap(c -> c.getString("id"), c -> c.getString("state")));
                if (listed.equals(states)) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("listed on " + base + ": " + new TreeMap<>(listed) + ", expected " + new TreeMap<>(states));
    }

    /** Waits until each connector has its source and sink open. */
    private static void awaitConnected(String base, List<String> ids) throws Exception {
        for (String id : ids) {
            awaitStatus(base, id, r -> r.statusCode() == 200 && json(r.body()).asJsonObject().getBoolean("connected"));
        }
    }

    private static void awaitGone(String base, String id) throws Exception {
        awaitStatus(base, id, r -> r.statusCode() == 404);
    }

    private static void awaitStatus(String base, String id, Predicate<HttpResponse<String>> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            last = get(base, API + "/" + id);
            if (done.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("connector " + id + " on " + base + ": last answer " + last.statusCode() + " " + last.body());
    }

    private static long awaitCount(java.util.function.LongSupplier count, long wanted, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        long last = count.getAsLong();
        while (last < wanted && System.nanoTime() < end) {
            Thread.sleep(20);
            last = count.getAsLong();
        }
        assertTrue(last >= wanted, "only " + last + " of " + wanted);
        return last;
    }

    /** How often each number arrived in the Kafka topic, waiting until every number did (or the limit). */
    private static Map<Integer, Integer> kafkaNumbers(String topic) {
        return NumberedRecords.read(KafkaBroker.bootstrap(), topic, MESSAGES, DELIVERED);
    }

    /** How often each number arrived in the Redis stream, waiting until every number did (or the limit). */
    private static Map<Integer, Integer> redisNumbers(String stream) throws Exception {
        Map<Integer, Integer> numbers = new TreeMap<>();
        StreamEntryID after = new StreamEntryID(0, 0);
        long end = System.nanoTime() + DELIVERED.toNanos();
        while (numbers.size() < MESSAGES && System.nanoTime() < end) {
            List<StreamEntry> entries = redis.xrange(stream, after, StreamEntryID.MAXIMUM_ID, 1000);
            entries.forEach(e -> numbers.merge(Integer.parseInt(e.getFields().get("body")), 1, Integer::sum));
            if (entries.isEmpty()) {
                Thread.sleep(500);
            } else {
                StreamEntryID last = entries.get(entries.size() - 1).getID();
                after = new StreamEntryID(last.getTime(), last.getSequence() + 1);
            }
        }
        return numbers;
    }

    private static List<Integer> missing(Map<Integer, Integer> numbers) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (!numbers.containsKey(i)) {
                missing.add(i);
            }
        }
        return missing;
    }

    private static int total(Map<Integer, Integer> numbers) {
        return numbers.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static List<Integer> duplicates(Map<Integer, Integer> numbers) {
        return numbers.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static String head(List<Integer> numbers) {
        return numbers.size() <= 40 ? numbers.toString() : numbers.subList(0, 40) + "...";
    }

    private static JsonObject connectorsCheck(SecondServer server) throws Exception {
        JsonObject health = json(get(server.base, "/health/ready").body()).asJsonObject();
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("connectors")).findFirst()
                .orElseThrow(() -> new AssertionError("no connectors check in " + health));
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static HttpResponse<String> get(String base, String path) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    private static HttpResponse<String> post(String base, String path, String body) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> delete(String base, String path) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }
}
