// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * Two servers with the same configuration on one Redis and one NATS, as a group: a JetStream input binding
 * (one durable consumer) and a Redis stream input binding (one consumer group, a consumer per server by
 * default) deliver each message once across both servers, and the cron input binding fires each tick on one
 * of them (claimed in Redis). The servers differ in their ports and in the path of the app they deliver to,
 * so that the app counts by server.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class GroupWorkIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String STREAM = "CAPA_IT_" + PORT + "_GROUP";
    private static final String SUBJECT = "capa.it." + PORT + ".group.js";
    private static final String REDIS_STREAM = "capa:it:" + PORT + ":group:input";
    private static final String CLAIMS = "capa:it:" + PORT + ":group:cron:";
    private static final int MESSAGES = 40;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** {server, kind (cron, js, redis), what: the tick's time or the message's body}. */
    private static final List<String[]> deliveries = new CopyOnWriteArrayList<>();
    private static HttpServer app;
    private static final List<SecondServer> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        clean();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", x -> {
            try (x) {
                if (!x.getRequestMethod().equals("POST")) { // the bindings' OPTIONS probe of the route
                    x.sendResponseHeaders(200, -1);
                    return;
                }
                String[] path = x.getRequestURI().getPath().split("/"); // "", server, kind
                String what = path[2].equals("cron") ? x.getRequestHeaders().getFirst("time")
                        : new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                deliveries.add(new String[] {path[1], path[2], what});
                x.sendResponseHeaders(200, -1);
            }
        });
        app.start();
        servers.add(SecondServer.start("capa-group-a", 14, settings("a")));
        servers.add(SecondServer.start("capa-group-b", 15, settings("b")));
    }

    /** The same settings on both servers, but for where they deliver. */
    private static Map<String, String> settings(String server) {
        String to = "http://127.0.0.1:" + app.getAddress().getPort() + "/" + server + "/";
        Map<String, String> settings = new HashMap<>();
        settings.put("capa.kv.backend", "redis");
        settings.put("capa.bindings.cron-input.enabled", "true");
        settings.put("capa.bindings.cron-input.schedule", "@every 1s");
        settings.put("capa.bindings.cron-input.target", to + "cron");
        settings.put("capa.bindings.cron-input.claim-key-prefix", CLAIMS);
        settings.put("capa.bindings.jetstream-input.enabled", "true");
        settings.put("capa.bindings.jetstream-input.stream", STREAM);
        settings.put("capa.bindings.jetstream-input.subject", SUBJECT);
        settings.put("capa.bindings.jetstream-input.durable", "capa-it-" + PORT + "-group");
        settings.put("capa.bindings.jetstream-input.create-stream", "true");
        settings.put("capa.bindings.jetstream-input.dead-letter-subject", SUBJECT + ".dlq");
        settings.put("capa.bindings.jetstream-input.target", to + "js");
        settings.put("capa.bindings.redis-input.enabled", "true");
        settings.put("capa.bindings.redis-input.stream", REDIS_STREAM);
        settings.put("capa.bindings.redis-input.group", "capa-it-" + PORT + "-group");
        settings.put("capa.bindings.redis-input.consumer", null); // the default: one per server
        settings.put("capa.server.id", null);
        settings.put("capa.bindings.redis-input.target", to + "redis");
        return settings;
    }

    @AfterAll
    static void stop() throws Exception {
        for (SecondServer server : servers) {
            server.close();
        }
        if (app != null) {
            app.stop(0);
        }
        clean();
    }

    private static void clean() throws Exception {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys(CLAIMS + "*").forEach(redis::del);
            redis.del(REDIS_STREAM, REDIS_STREAM + ":dlq");
        }
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.jetStreamManagement().deleteStream(STREAM);
        } catch (JetStreamApiException e) {
            // not there
        }
    }

    @Test
    void eachMessageIsDeliveredOnceAcrossTheGroup() throws Exception {
        List<Map<String, String>> inbound = new ArrayList<>();
        for (SecondServer server : servers) {
            inbound.add(awaitInbound(server, data -> data.getOrDefault("JetStreamInputBinding", "").startsWith("UP")
                    && data.getOrDefault("RedisStreamInputBinding", "").startsWith("UP")));
        }
        String consumerA = inbound.get(0).get("RedisStreamInputBinding");
        String consumerB = inbound.get(1).get("RedisStreamInputBinding");
        assertNotEquals(consumerA, consumerB, "each server reads under a Redis consumer name of its own");

        try (Connection nats = Nats.connect("nats://127.0.0.1:4222"); JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            JetStream js = nats.jetStream();
            for (int i = 0; i < MESSAGES; i++) {
                js.publish(SUBJECT, ("js-" + i).getBytes(StandardCharsets.UTF_8));
                redis.xadd(REDIS_STREAM, StreamEntryID.NEW_ENTRY, Map.of("data", "redis-" + i));
            }
        }
        for (String kind : List.of("js", "redis")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (of(kind).size() < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        Thread.sleep(3000); // a message delivered twice would come within the brokers' redelivery times of the test
        for (String kind : List.of("js", "redis")) {
            List<String[]> delivered = of(kind);
            Map<String, List<String>> byMessage = delivered.stream().collect(Collectors.groupingBy(d -> d[2],
                    TreeMap::new, Collectors.mapping(d -> d[0], Collectors.toList())));
            assertEquals(MESSAGES, byMessage.size(), kind + ": messages delivered " + byMessage.keySet());
            byMessage.forEach((message, by) -> assertEquals(1, by.size(), kind + " " + message + " delivered by " + by));
            System.out.println("group " + kind + ": " + MESSAGES + " published, delivered by server " + countByServer(delivered));
        }
    }

    @Test
    void eachCronTickFiresOnOneServerOfTheGroup() throws Exception {
        for (SecondServer server : servers) {
            awaitInbound(server, data -> data.getOrDefault("CronInputBinding", "").startsWith("UP"));
        }
        // from a whole second on which both servers run the binding, for a few seconds
        Instant from = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant to = from.plusSeconds(8);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ticks(from, to).size() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        Map<Instant, List<String>> ticks = ticks(from, to);
        List<Instant> expected = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1)) {
            expected.add(t);
        }
        assertEquals(expected, new ArrayList<>(ticks.keySet()), "every tick of the period, each fired: " + ticks);
        ticks.forEach((tick, by) -> assertEquals(1, by.size(), "tick " + tick + " fired by " + by));
        List<String[]> fired = of("cron").stream().filter(d -> in(d, from, to)).toList();
        System.out.println("group cron: " + expected.size() + " ticks, fired by server " + countByServer(fired));
    }

    private static Map<Instant, List<String>> ticks(Instant from, Instant to) {
        return of("cron").stream().filter(d -> in(d, from, to)).collect(Collectors.groupingBy(
                d -> OffsetDateTime.parse(d[2]).toInstant(), TreeMap::new, Collectors.mapping(d -> d[0], Collectors.toList())));
    }

    private static boolean in(String[] delivery, Instant from, Instant to) {
        Instant t = OffsetDateTime.parse(delivery[2]).toInstant();
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static List<String[]> of(String kind) {
        return deliveries.stream().filter(d -> d[1].equals(kind)).toList();
    }

    private static Map<String, Long> countByServer(List<String[]> delivered) {
        return delivered.stream().collect(Collectors.groupingBy(d -> d[0], TreeMap::new, Collectors.counting()));
    }

    /** The data of {@code server}'s readiness check {@code inbound} once {@code done} holds. */
    private static Map<String, String> awaitInbound(SecondServer server, Predicate<Map<String, String>> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> data = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/health/ready"))
                        .timeout(Duration.ofSeconds(10)));
                data = inboundData(r.body());
                if (done.test(data)) {
                    return data;
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("inbound bindings of " + server.base + " not up: " + data);
    }

    private static Map<String, String> inboundData(String body) {
        Map<String, String> data = new HashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            for (JsonValue check : reader.readObject().getJsonArray("checks")) {
                JsonObject c = check.asJsonObject();
                if (c.getString("name").equals("inbound") && c.containsKey("data")) {
                    c.getJsonObject("data").forEach((k, v) -> data.put(k, ((JsonString) v).getString()));
                }
            }
        }
        return data;
    }
}
