// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.kafka.NumberedRecords;
import it.io.capaee.support.Actors;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;

/**
 * Three servers as one group on the real Redis, NATS and Kafka (docs/scaling.md): they split the actor
 * partitions ({@code capa.actors.placement=partitioned}), any one reaches every actor with one activation and
 * exclusive turns; they share one pub/sub consumer group (Redis streams) and one desired state, so that a
 * connector deployed through one of them runs on all three and shares its JetStream durable consumer. Under
 * load (actor calls, reminders, pub/sub, the connector JetStream to Kafka) one server is killed ({@code kill -9})
 * and started again: no answered call, published message or stored JetStream message is lost, and every
 * reminder fires exactly once. What came twice (a call the killed server applied without answering and its caller
 * sent again, a message taken again after it was handled) is counted and printed, not refused: delivery is at
 * least once.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
@ResourceLock(SharedResources.EXTRA_SERVER_B)
@ResourceLock(value = SharedResources.KAFKA, mode = ResourceAccessMode.READ)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerGroupIT {
    private static final int PARTITIONS = 16;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String PREFIX = "capa:it:" + PORT + ":group-actors:";
    private static final String SHARED = "capa:it:" + PORT + ":group:";
    private static final String TOPIC = "group-kill";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String SUBJECT = "capa.it." + PORT + ".group." + RUN;
    private static final String STREAM = "CAPA_IT_" + PORT + "_GROUP_" + RUN.toUpperCase();
    private static final String KAFKA_TOPIC = "capa-it-" + PORT + "-group-" + RUN;
    // a message taken but not acknowledged by the killed server comes again after the consumer's ack wait (30 s)
    private static final Duration DELIVERED = Duration.ofSeconds(150);

    /** What the test's app received from the subscription: each published number, how often. */
    private static final Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();
    private static HttpServer app;
    private static ExecutorService appThreads;
    private static SecondServer a;
    private static SecondServer b;
    private static SecondServer c;

    @BeforeAll
    static void start() throws Exception {
        clean();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", x -> {
            try (x) {
                if (x.getRequestMethod().equals("POST")) {
                    JsonObject event = Json.createReader(new StringReader(new String(x.getRequestBody().readAllBytes(),
                            StandardCharsets.UTF_8))).readObject();
                    deliveries.merge(Integer.parseInt(event.get("data").toString()), 1, Integer::sum);
                }
                x.sendResponseHeaders(200, -1);
            }
        });
        appThreads = Executors.newFixedThreadPool(4);
        app.setExecutor(appThreads);
        app.start();
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT)
                    .storageType(StorageType.File).build());
        }
        a = SecondServer.start("capa-group-a", 16, group());
        b = SecondServer.start("capa-group-b", 17, group());
        c = SecondServer.start("capa-group-c", 24, group());
        awaitSplit(Duration.ofSeconds(90));
    }

    /** The same settings on every server: the group shares actors, pub/sub and desired state. */
    private static Map<String, String> group() {
        Map<String, String> settings = new HashMap<>();
        settings.put("capa.kv.backend", "redis");
        settings.put("capa.actors.classes", "io.capaee.actors.examples.CounterActor");
        settings.put("capa.actors.key-prefix", PREFIX);
        settings.put("capa.actors.placement", "partitioned");
        settings.put("capa.actors.partitions", String.valueOf(PARTITIONS));
        settings.put("capa.actors.lease-duration", "PT" + LEASE.toSeconds() + "S");
        settings.put("capa.actors.scan-interval", "PT1S");
        settings.put("capa.pubsub.backend", "redis");
        settings.put("capa.pubsub.stream-prefix", SHARED + "pubsub:");
        settings.put("capa.pubsub.redeliver-after-millis", "3000");
        settings.put("capa.app.url", "http://127.0.0.1:" + app.getAddress().getPort());
        settings.put("capa.subscription.group-kill.pubsub", "pubsub");
        settings.put("capa.subscription.group-kill.topic", TOPIC);
        settings.put("capa.subscription.group-kill.route", "/deliver");
        settings.put("capa.desired-state.key-prefix", SHARED + "desired:");
        settings.put("capa.desired-state.interval", "PT1S");
        settings.put("capa.connectors.files", "");
        settings.put("capa.server.id", null); // the default: host and port, one per server
        return settings;
    }

    @AfterAll
    static void stop() throws Exception {
        for (SecondServer s : new SecondServer[] {a, b, c}) {
            if (s != null) {
                s.close();
            }
        }
        if (app != null) {
            app.stop(0);
            appThreads.shutdownNow();
        }
        clean();
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.jetStreamManagement().deleteStream(STREAM);
        } catch (JetStreamApiException e) {
            // not there
        }
    }

    private static void clean() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys(PREFIX + "*").forEach(redis::del);
            redis.keys(SHARED + "*").forEach(redis::del);
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

    /** Waits until the three servers are members and each owns its fair share (5 or 6 of 16) of the partitions. */
    private static Map<String, List<Integer>> awaitSplit(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        Map<String, List<Integer>> members = members(a);
        while (System.nanoTime() < end) {
            members = members(a);
            if (members.size() == 3 && members.values().stream().allMatch(p -> p.size() == 5 || p.size() == 6)
                    && members.values().stream().mapToInt(List::size).sum() == PARTITIONS) {
                return members;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the partitions were not split between the three servers within " + limit + ": " + members);
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

    private static int storedCount(String id) {
        String count = stored(id, "count");
        return count == null ? 0 : Integer.parseInt(count);
    }

    @Test
    @Order(1)
    void theServersSplitThePartitionsAndEachReachesEveryActorWithExclusiveTurns() throws Exception {
        Map<String, List<Integer>> members = awaitSplit(Duration.ofSeconds(30));
        Set<Integer> all = new HashSet<>();
        members.values().forEach(all::addAll);
        assertEquals(PARTITIONS, all.size(), "every partition has exactly one owner: " + members);

        // 20 actors, each called 9 times, the calls going round the servers and 8 in flight at once
        SecondServer[] servers = {a, b, c};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int round = 0; round < 9; round++) {
                for (int i = 0; i < 20; i++) {
                    SecondServer via = servers[(round + i) % 3];
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
            assertEquals("9", stored("shared-" + i, "count"), "every turn of shared-" + i + " counted once");
            assertEquals(null, stored("shared-" + i, "overlaps"), "no two turns of shared-" + i + " overlapped");
            assertEquals("1", stored("shared-" + i, "activations"), "shared-" + i + " was activated once, on its owner");
        }
        HttpResponse<String> metadata = Actors.send(HttpRequest.newBuilder(URI.create(b.base + "/v1.0/metadata")));
        JsonArray group = Json.createReader(new StringReader(metadata.body())).readObject().getJsonArray("actorGroup");
        assertEquals(3, group.size(), metadata.body());
    }

    /**
     * The load of the kill test: actor calls, pub/sub publishes and JetStream messages through the servers that are
     * up (a load balancer takes a server out once it stops answering: a call to the killed one is counted as
     * refused and sent to another), and what came of them.
     */
    private static final class Load {
        static final int ACTORS = 30;
        final AtomicBoolean running = new AtomicBoolean(true);
        final Set<SecondServer> down = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>(); // failed, or no answer: may have been applied
        final Map<Integer, AtomicInteger> failedByStatus = new ConcurrentHashMap<>();
        final AtomicInteger refused = new AtomicInteger();
        final Set<Integer> published = ConcurrentHashMap.newKeySet();
        final AtomicInteger publishRetries = new AtomicInteger();
        final AtomicInteger jetStreamSent = new AtomicInteger();
        final AtomicLong longestCallMillis = new AtomicLong();

        SecondServer pick() {
            List<SecondServer> up = new ArrayList<>(List.of(a, b, c));
            up.removeAll(down);
            return up.get(ThreadLocalRandom.current().nextInt(up.size()));
        }

        void callActors() {
            while (running.get()) {
                String id = "load-" + ThreadLocalRandom.current().nextInt(ACTORS);
                SecondServer via = pick();
                long start = System.nanoTime();
                try {
                    HttpResponse<String> r = call(via, "counter/" + id + "/method/add", "1");
                    longestCallMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    if (r.statusCode() == 200) {
                        answered.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failedByStatus.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        unanswered.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                } catch (IOException e) {
                    if (down.contains(via)) {
                        refused.incrementAndGet(); // in flight on, or sent to, the killed server
                    } else {
                        failedByStatus.computeIfAbsent(0, k -> new AtomicInteger()).incrementAndGet();
                    }
                    unanswered.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Publishes 0, 1, 2... every 20 ms; a publish without a 204 is sent again (through another server if down). */
        void publish() {
            int n = 0;
            while (running.get()) {
                try {
                    HttpResponse<String> r = Actors.send(HttpRequest.newBuilder(URI.create(pick().base + "/v1.0/publish/pubsub/" + TOPIC))
                            .header("Content-Type", "application/json").POST(BodyPublishers.ofString(String.valueOf(n))));
                    if (r.statusCode() == 204) {
                        published.add(n++);
                    } else {
                        publishRetries.incrementAndGet();
                    }
                    Thread.sleep(20);
                } catch (IOException e) {
                    publishRetries.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Publishes 0, 1, 2... to the connector's JetStream subject every 20 ms, each stored by JetStream. */
        void publishToJetStream() {
            try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
                while (running.get()) {
                    nats.jetStream().publish(SUBJECT, String.valueOf(jetStreamSent.get()).getBytes(StandardCharsets.UTF_8));
                    jetStreamSent.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @Order(2)
    void underLoadAKilledServerLosesNothingAndEveryReminderFiresOnce() throws Exception {
        Map<String, List<Integer>> before = awaitSplit(Duration.ofSeconds(30));
        // the connector, deployed once: the shared desired state runs it on all three, on one durable consumer
        String connector = "group-kill-" + RUN;
        HttpResponse<String> deployed = Actors.send(HttpRequest.newBuilder(URI.create(a.base + "/v1.0-alpha1/connectors?id=" + connector))
                .header("Content-Type", "application/yaml").POST(BodyPublishers.ofString("""
                        consumer:
                          nats: { url: "nats://127.0.0.1:4222" }
                          stream: { subject: "%s" }
                        sink:
                          type: kafka
                          config: { seed_brokers: [ "%s" ], topic: "%s" }
                        """.formatted(SUBJECT, KafkaBroker.bootstrap(), KAFKA_TOPIC))));
        assertEquals(201, deployed.statusCode(), deployed.body());
        for (SecondServer s : List.of(a, b, c)) {
            awaitConnected(s, connector);
        }
        // one-shot reminders on 30 actors, due 3 to 12 s from now: the kill falls in between
        int reminders = 30;
        for (int i = 0; i < reminders; i++) {
            HttpResponse<String> r = call(List.of(a, b, c).get(i % 3), "counter/wake-" + i + "/reminders/wake",
                    "{\"dueTime\":\"" + (3000 + 300 * i) + "ms\"}");
            assertEquals(204, r.statusCode(), r.body());
            assertEquals(200, call(a, "counter/kept-" + i + "/method/add", "5").statusCode());
        }

        Load load = new Load();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(load::callActors, "actor-client-" + i));
        }
        threads.add(new Thread(load::publish, "publisher"));
        threads.add(new Thread(load::publishToJetStream, "jetstream-publisher"));
        threads.forEach(Thread::start);
        Thread.sleep(6_000);
        load.down.add(c);
        long killed = System.nanoTime();
        c.kill();
        // c's actors answer on a and b once c's leases ran out, with the state they saved
        long slowest = 0;
        for (int i = 0; i < reminders; i++) {
            HttpResponse<String> r = call(i % 2 == 0 ? a : b, "counter/kept-" + i + "/method/get", "");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("5", r.body(), "kept-" + i + " answered with its saved state");
            slowest = Math.max(slowest, (System.nanoTime() - killed) / 1_000_000);
        }
        Thread.sleep(Math.max(0, 8_000 - (System.nanoTime() - killed) / 1_000_000));
        Duration restart = c.startAgain();
        load.down.remove(c);
        Thread.sleep(5_000);
        load.running.set(false);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(90).toMillis());
        }
        Map<String, List<Integer>> after = awaitSplit(Duration.ofSeconds(60));

        // actor calls: every answered add is stored, none twice
        int answered = 0;
        int lost = 0;
        int appliedUnanswered = 0;
        List<String> doubled = new ArrayList<>(); // applied more often than it was sent
        for (int i = 0; i < Load.ACTORS; i++) {
            String id = "load-" + i;
            int ok = load.answered.getOrDefault(id, new AtomicInteger()).get();
            int maybe = load.unanswered.getOrDefault(id, new AtomicInteger()).get();
            int count = storedCount(id);
            answered += ok;
            lost += Math.max(0, ok - count);
            appliedUnanswered += Math.max(0, Math.min(count - ok, maybe));
            if (count > ok + maybe) {
                doubled.add(id + ": stored " + count + ", answered " + ok + ", unanswered " + maybe);
            }
        }
        // reminders: each fired once
        Map<String, Integer> fires = awaitFires(reminders, Duration.ofSeconds(60));
        Thread.sleep(3_000); // a second fire would have happened by now
        List<String> twice = new ArrayList<>();
        for (int i = 0; i < reminders; i++) {
            String n = stored("wake-" + i, "reminded.wake");
            if (n != null && !n.equals("1")) {
                twice.add("wake-" + i + "=" + n);
            }
        }
        // pub/sub and the connector: every published number delivered
        Set<Integer> undelivered = awaitDelivered(load.published);
        int duplicates = (int) deliveries.values().stream().filter(n -> n > 1).count();
        Map<Integer, Integer> kafka = NumberedRecords.read(KafkaBroker.bootstrap(), KAFKA_TOPIC, load.jetStreamSent.get(), DELIVERED);
        List<Integer> missingInKafka = new ArrayList<>();
        for (int i = 0; i < load.jetStreamSent.get(); i++) {
            if (!kafka.containsKey(i)) {
                missingInKafka.add(i);
            }
        }
        long kafkaDuplicates = kafka.values().stream().filter(n -> n > 1).count();

        System.out.printf("GROUP kill, 3 servers: actor calls answered %d, failed %s, refused by the killed server %d, lost %d,"
                + " applied without an answer %d, applied twice %s; reminders %d, fired %d, fired twice %s; pub/sub published %d"
                + " (%d publishes sent again), undelivered %d, delivered twice %d; JetStream->Kafka sent %d, missing %d, twice %d;"
                + " the killed server's actors answered elsewhere within %d ms of the kill (lease %s); restarted in %d ms;"
                + " partitions before %s, after %s%n",
                answered, load.failedByStatus, load.refused.get(), lost, appliedUnanswered, doubled, reminders, fires.size(), twice,
                load.published.size(), load.publishRetries.get(), undelivered.size(), duplicates, load.jetStreamSent.get(),
                missingInKafka.size(), kafkaDuplicates, slowest, LEASE, restart.toMillis(), before, after);
        assertTrue(answered > 0 && load.published.size() > 0 && load.jetStreamSent.get() > 0, "the load ran");
        assertEquals(0, lost, "no answered actor call lost");
        assertEquals(reminders, fires.size(), "every reminder fired: " + fires);
        assertEquals(List.of(), twice, "no reminder fired twice");
        assertEquals(Set.of(), undelivered, "every published message delivered");
        assertEquals(List.of(), missingInKafka.size() > 40 ? missingInKafka.subList(0, 40) : missingInKafka, "no JetStream message lost on the way to Kafka");
        for (int i = 0; i < reminders; i++) {
            HttpResponse<String> r = call(c, "counter/kept-" + i + "/method/get", "");
            assertEquals("5", r.body(), "kept-" + i + " through the restarted server");
        }
    }

    private static void awaitConnected(SecondServer server, String id) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            last = Actors.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0-alpha1/connectors/" + id)));
            if (last.statusCode() == 200 && Json.createReader(new StringReader(last.body())).readObject().getBoolean("connected")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("connector " + id + " on " + server.base + ": last answer " + last.statusCode() + " " + last.body());
    }

    private static Map<String, Integer> awaitFires(int reminders, Duration limit) throws Exception {
        Map<String, Integer> fires = new TreeMap<>();
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            fires.clear();
            for (int i = 0; i < reminders; i++) {
                String n = stored("wake-" + i, "reminded.wake");
                if (n != null) {
                    fires.put("wake-" + i, Integer.parseInt(n));
                }
            }
            if (fires.size() == reminders) {
                break;
            }
            Thread.sleep(250);
        }
        return fires;
    }

    private static Set<Integer> awaitDelivered(Set<Integer> published) throws Exception {
        long end = System.nanoTime() + DELIVERED.toNanos();
        Set<Integer> undelivered = new HashSet<>(published);
        while (System.nanoTime() < end) {
            undelivered.removeAll(deliveries.keySet());
            if (undelivered.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        return undelivered;
    }
}
