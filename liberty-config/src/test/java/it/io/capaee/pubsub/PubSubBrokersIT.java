// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.pubsub;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.AppPort;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Deliveries;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pub/sub through the Kafka broker (the build's KRaft broker), the NATS JetStream broker (the
 * local NATS), the MQTT broker (the local Mosquitto) and the local RabbitMQ, components
 * {@code kafka}, {@code jetstream}, {@code mqtt} and {@code rabbitmq}: this test plays the app at
 * {@code capa.app.url}, lists its subscriptions at {@code /dapr/subscribe} and answers deliveries
 * with Dapr's statuses. The server retries 3 times in all, then leaves a refused message to the
 * broker, which delivers it again after 1 s ({@code capa.pubsub.redeliver-after-millis} in the test
 * server).
 */
@ResourceLock(value = SharedResources.ACTORS, mode = ResourceAccessMode.READ)
@ResourceLock(SharedResources.APP_PORT)
@ResourceLock(SharedResources.KAFKA)
class PubSubBrokersIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String[] BROKERS = {"kafka", "jetstream", "mqtt", "rabbitmq"};
    private static final String[] ROUTES = {"orders", "again", "poison", "droppy", "dead", "outage", "comeback", "parallel"};
    /** The deliveries the subscription to /parallel allows under way at once ({@code maxConcurrentDeliveries}). */
    private static final int WINDOW = 4;
    private static final String PORT = System.getProperty("http.port");

    private static HttpServer app;
    private static volatile boolean listing = true;
    private static volatile boolean outageAppDown = true;
    // per broker: the app refuses deliveries to /comeback, and leaves that subscription out of its list
    private static final Set<String> comebackRefused = ConcurrentHashMap.newKeySet();
    private static final Set<String> comebackUnlisted = ConcurrentHashMap.newKeySet();
    private static final Deliveries deliveries = new Deliveries();
    // per broker: the deliveries to /parallel under way now, and the most there were at once
    private static final Map<String, AtomicInteger> underWay = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    private static final ExecutorService appThreads = Executors.newCachedThreadPool();

    private static String topic(String route) {
        return route + "-" + RUN;
    }

    @BeforeAll
    static void startApp() throws Exception {
        app = AppPort.server();
        for (String b : BROKERS) {
            app.createContext("/" + b + "/orders", x -> deliveries.record(x, b + "/orders", 200, ""));
            app.createContext("/" + b + "/dead", x -> deliveries.record(x, b + "/dead", 200, "{\"status\":\"SUCCESS\"}"));
            app.createContext("/" + b + "/poison", x -> deliveries.record(x, b + "/poison", 200, "{\"status\":\"RETRY\"}"));
            app.createContext("/" + b + "/droppy", x -> deliveries.record(x, b + "/droppy", 200, "{\"status\":\"DROP\"}"));
            // RETRY for the first 4 calls: more than the server's 3 attempts, so the broker must deliver it again
            app.createContext("/" + b + "/again", x -> {
                int n = deliveries.calls(b + "/again");
                deliveries.record(x, b + "/again", 200, n < 4 ? "{\"status\":\"RETRY\"}" : "");
            });
            // refused and accepted deliveries apart: only an accepted one proves a message was not lost
            app.createContext("/" + b + "/outage", x -> {
                boolean down = outageAppDown;
                deliveries.record(x, b + (down ? "/outage-refused" : "/outage"), down ? 503 : 200, "");
            });
            app.createContext("/" + b + "/comeback", x -> {
                boolean refused = comebackRefused.contains(b);
                deliveries.record(x, b + (refused ? "/comeback-refused" : "/comeback"), refused ? 503 : 200, "");
            });
        }
        for (String b : BROKERS) {
            underWay.put(b, new AtomicInteger());
            mostAtOnce.put(b, new AtomicInteger());
            // each delivery waits (a little) for the window's others: the deliveries are under way together
            app.createContext("/" + b + "/parallel", x -> {
                int now = underWay.get(b).incrementAndGet();
                mostAtOnce.get(b).accumulateAndGet(now, Math::max);
                try {
                    for (long end = System.nanoTime() + 500_000_000L; underWay.get(b).get() < WINDOW && System.nanoTime() < end; ) {
                        Thread.sleep(5);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    underWay.get(b).decrementAndGet();
                }
                deliveries.record(x, b + "/parallel", 200, "");
            });
        }
        app.createContext("/no-function-dead", x -> deliveries.record(x, "no-function-dead", 200, ""));
        app.createContext("/dapr/subscribe", x -> Deliveries.answer(x, 200, listing ? listed() : "[]"));
        app.setExecutor(appThreads); // the app answers deliveries side by side
        app.start();
        Server.await("/v1.0/metadata", r -> {
            for (String b : BROKERS) {
                for (String route : ROUTES) {
                    if (!r.body().contains("\"pubsubname\":\"" + b + "\",\"topic\":\"" + topic(route) + "\"")) {
                        return false;
                    }
                }
            }
            return true;
        }, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopApp() throws Exception {
        listing = false;
        Server.await("/v1.0/metadata", r -> !r.body().contains(RUN), Duration.ofSeconds(30));
        app.stop(0);
        appThreads.shutdownNow();
        // the JetStream stream of the test server keeps other runs' subjects; this run's messages go
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            var jsm = nats.jetStreamManagement();
            String stream = "CAPA_IT_" + PORT + "_PUBSUB";
            for (String route : ROUTES) {
                jsm.purgeStream(stream, io.nats.client.PurgeOptions.subject("capa.it." + PORT + ".pubsub." + topic(route)));
                try {
                    jsm.deleteConsumer(stream, Dapr.appId() + "_" + topic(route));
                } catch (Exception e) {
                    // a consumer name with a hash suffix: left to the stream's max age
                }
            }
        }
        // RabbitMQ keeps the durable exchanges and queues of this run's topics: they go
        try (com.rabbitmq.client.Connection rabbitMq = new com.rabbitmq.client.ConnectionFactory().newConnection();
                com.rabbitmq.client.Channel channel = rabbitMq.createChannel()) {
            String prefix = "capa.it." + PORT + ".pubsub.";
            for (String route : ROUTES) {
                channel.queueDelete(prefix + Dapr.appId() + "-" + topic(route));
                channel.exchangeDelete(prefix + topic(route));
            }
        }
    }

    /** What the app lists at /dapr/subscribe: every route on both brokers, less the unlisted comebacks. */
    private static String listed() {
        List<String> subs = new ArrayList<>();
        for (String b : BROKERS) {
            for (String route : ROUTES) {
                if (!(route.equals("comeback") && comebackUnlisted.contains(b))) {
                    subs.add(sub(b, route, route.equals("poison") || route.equals("droppy") ? "dead" : null));
                }
            }
        }
        return "[" + String.join(",", subs) + "]";
    }

    private static String sub(String broker, String route, String deadLetter) {
        return "{\"pubsubname\":\"" + broker + "\",\"topic\":\"" + topic(route) + "\",\"route\":\"/" + broker + "/" + route + "\""
                + (deadLetter == null ? "" : ",\"deadLetterTopic\":\"" + topic(deadLetter) + "\"")
                + (route.equals("parallel") ? ",\"metadata\":{\"maxConcurrentDeliveries\":\"" + WINDOW + "\"}" : "") + "}";
    }



    private static JsonObject next(String name) throws InterruptedException {
        return next(name, 15);
    }

    private static JsonObject next(String name, int seconds) throws InterruptedException {
        return deliveries.next(name, seconds);
    }

    private static LinkedBlockingQueue<String> queue(String name) {
        return deliveries.queue(name);
    }

    private static HttpResponse<String> publish(String path, String contentType, String body) throws Exception {
        return Server.send(Server.request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void aPublishedJsonEventReachesTheSubscribedAppAsACloudEvent(String broker) throws Exception {
        assertEquals(204, publish("/v1.0/publish/" + broker + "/" + topic("orders"), "application/json",
                "{\"item\":\"tea\",\"via\":\"" + broker + "\"}").statusCode());
        JsonObject event = next(broker + "/orders");
        assertEquals(Dapr.json("{\"item\":\"tea\",\"via\":\"" + broker + "\"}"), event.get("data"));
        assertEquals("1.0", event.getString("specversion"));
        assertEquals("com.dapr.event.sent", event.getString("type"));
        assertEquals(Dapr.appId(), event.getString("source"));
        assertEquals(topic("orders"), event.getString("topic"));
        assertEquals(broker, event.getString("pubsubname"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void rawPayloadsAndBulkPublishesAreDelivered(String broker) throws Exception {
        assertEquals(204, publish("/v1.0/publish/" + broker + "/" + topic("orders") + "?metadata.rawPayload=true",
                "application/octet-stream", "raw bytes").statusCode());
        JsonObject raw = next(broker + "/orders");
        assertEquals("application/octet-stream", raw.getString("datacontenttype"));
        assertEquals("raw bytes", new String(Base64.getDecoder().decode(raw.getString("data_base64")), StandardCharsets.UTF_8));
        assertEquals(204, publish("/v1.0-alpha1/publish/bulk/" + broker + "/" + topic("orders"), "application/json",
                "[{\"entryId\":\"1\",\"event\":{\"n\":1}},{\"entryId\":\"2\",\"event\":2,\"contentType\":\"application/json\"},"
                        + "{\"entryId\":\"3\",\"event\":\"three\",\"contentType\":\"text/plain\"}]").statusCode());
        List<JsonValue> data = List.of(next(broker + "/orders").get("data"), next(broker + "/orders").get("data"),
                next(broker + "/orders").get("data"));
        // one partition / one subject: the broker keeps the order of a bulk publish
        assertEquals(List.of(Dapr.json("{\"n\":1}"), Dapr.json("2"), Dapr.json("\"three\"")), data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void aMessageStillRefusedAfterTheAttemptsIsDeliveredAgainByTheBroker(String broker) throws Exception {
        assertEquals(204, publish("/v1.0/publish/" + broker + "/" + topic("again"), "application/json", "{\"n\":1}").statusCode());
        for (int i = 0; i < 3; i++) {
            next(broker + "/again");
        }
        // the server gave up; the broker hands the message over again after 1 s
        next(broker + "/again");
        assertEquals(Dapr.json("{\"n\":1}"), next(broker + "/again").get("data"));
        assertNull(queue(broker + "/again").poll(2500, TimeUnit.MILLISECONDS), "acknowledged after SUCCESS");
        assertEquals(5, deliveries.calls(broker + "/again"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void retriesSpentSendTheMessageToTheDeadLetterTopic(String broker) throws Exception {
        assertEquals(204, publish("/v1.0/publish/" + broker + "/" + topic("poison"), "application/json", "{\"poison\":true}").statusCode());
        for (int i = 0; i < 3; i++) {
            next(broker + "/poison");
        }
        assertEquals(Dapr.json("{\"poison\":true}"), next(broker + "/dead").get("data"));
        assertNull(queue(broker + "/poison").poll(2500, TimeUnit.MILLISECONDS), "no more attempts after the dead letter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void dropGoesToTheDeadLetterTopicWithoutRetries(String broker) throws Exception {
        assertEquals(204, publish("/v1.0/publish/" + broker + "/" + topic("droppy"), "application/json", "{\"drop\":1}").statusCode());
        next(broker + "/droppy");
        assertEquals(Dapr.json("{\"drop\":1}"), next(broker + "/dead").get("data"));
        assertNull(queue(broker + "/droppy").poll(2500, TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void aSubscriptionAllowingFourDeliveriesAtOnceHasFourUnderWayAndLosesNone(String broker) throws Exception {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"entryId\":\"").append(i).append("\",\"event\":{\"n\":").append(i).append("}}");
        }
        assertEquals(204, publish("/v1.0-alpha1/publish/bulk/" + broker + "/" + topic("parallel"), "application/json",
                "[" + entries + "]").statusCode());
        Set<JsonValue> received = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            received.add(next(broker + "/parallel").get("data"));
        }
        Set<JsonValue> published = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            published.add(Dapr.json("{\"n\":" + i + "}"));
        }
        assertEquals(published, received, "every message delivered");
        assertEquals(WINDOW, mostAtOnce.get(broker).get(), "deliveries under way at once: as many as the subscription allows, no more");
        assertNull(queue(broker + "/parallel").poll(2500, TimeUnit.MILLISECONDS), "each acknowledged once delivered");
    }

    @Test
    void theBrokersAreListedInTheMetadataAndUnknownNamesAre404() throws Exception {
        String metadata = Server.get("/v1.0/metadata").body();
        assertTrue(metadata.contains("{\"name\":\"kafka\",\"type\":\"pubsub.kafka\""), metadata);
        assertTrue(metadata.contains("{\"name\":\"jetstream\",\"type\":\"pubsub.jetstream\""), metadata);
        assertTrue(metadata.contains("{\"name\":\"mqtt\",\"type\":\"pubsub.mqtt\""), metadata);
        assertTrue(metadata.contains("{\"name\":\"rabbitmq\",\"type\":\"pubsub.rabbitmq\""), metadata);
        assertError(publish("/v1.0/publish/kafka-nope/" + topic("orders"), "application/json", "{}"), 404, "ERR_PUBSUB_NOT_FOUND");
        assertError(publish("/v1.0/publish/kafka/" + topic("orders") + "?metadata.rawPayload=maybe", "text/plain", "x"), 400,
                "ERR_PUBSUB_REQUEST_METADATA");
        // names the broker cannot hold: a Kafka topic with ':', a NATS subject with '*'
        assertError(publish("/v1.0/publish/kafka/bad:name", "text/plain", "x"), 500, "ERR_PUBSUB_PUBLISH_MESSAGE");
        assertError(publish("/v1.0/publish/jetstream/bad*name", "text/plain", "x"), 500, "ERR_PUBSUB_PUBLISH_MESSAGE");
        assertError(publish("/v1.0/publish/mqtt/bad+name", "text/plain", "x"), 500, "ERR_PUBSUB_PUBLISH_MESSAGE");
        // an exchange name longer than RabbitMQ's 255 bytes
        assertError(publish("/v1.0/publish/rabbitmq/" + "x".repeat(300), "text/plain", "x"), 500, "ERR_PUBSUB_PUBLISH_MESSAGE");
    }

    @Test
    void aKafkaOutageLosesNothing() throws Exception {
        String t = topic("outage");
        assertEquals(204, publish("/v1.0/publish/kafka/" + t, "application/json", "{\"n\":\"before\"}").statusCode());
        next("kafka/outage-refused"); // the app is down (503): the message stays with Kafka, not committed
        KafkaBroker.stop();
        try {
            HttpResponse<String> refused = publish("/v1.0/publish/kafka/" + t, "application/json", "{\"n\":\"during\"}");
            assertError(refused, 500, "ERR_PUBSUB_PUBLISH_MESSAGE");
            assertTrue(!refused.body().contains(KafkaBroker.bootstrap()) && !refused.body().contains("127.0.0.1"),
                    "the broker's address stays in the server log: " + refused.body());
        } finally {
            KafkaBroker.start();
        }
        outageAppDown = false;
        assertEquals(204, publish("/v1.0/publish/kafka/" + t, "application/json", "{\"n\":\"after\"}").statusCode());
        // accepted deliveries only (a refused one before the outage proves nothing); at least once, in order
        List<String> accepted = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(accepted.contains("before") && accepted.contains("after")) && System.nanoTime() < deadline) {
            String s = queue("kafka/outage").poll(1, TimeUnit.SECONDS);
            if (s != null) {
                accepted.add(Dapr.json(s.substring(s.indexOf(' ') + 1)).asJsonObject().getJsonObject("data").getString("n"));
            }
        }
        assertTrue(accepted.contains("before"), "the message published before the outage: " + accepted);
        assertTrue(accepted.contains("after"), "the message published after the outage: " + accepted);
        assertTrue(accepted.indexOf("before") < accepted.indexOf("after"), accepted.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "jetstream", "mqtt", "rabbitmq"})
    void aRefusedMessageWaitsForItsSubscriptionToStartAgain(String broker) throws Exception {
        // the message is refused, its subscription stops (the app no longer lists it) and starts again: the
        // new consumer of the group must go on from the refused message, not from the newest one
        comebackRefused.add(broker);
        assertEquals(204, publish("/v1.0/publish/" + broker + "/" + topic("comeback"), "application/json",
                "{\"n\":\"refused\"}").statusCode());
        next(broker + "/comeback-refused");
        String subscription = "\"pubsubname\":\"" + broker + "\",\"topic\":\"" + topic("comeback") + "\"";
        comebackUnlisted.add(broker);
        Server.await("/v1.0/metadata", r -> !r.body().contains(subscription), Duration.ofSeconds(30));
        // the stopped consumer is gone once no refused attempt came for twice the redelivery interval
        long quiet = 2 * Long.getLong("it.pubsub.redeliver-after-millis", 1000);
        while (queue(broker + "/comeback-refused").poll(quiet, TimeUnit.MILLISECONDS) != null) {
            // an attempt of the stopped consumer, still under way when it stopped
        }
        comebackRefused.remove(broker);
        comebackUnlisted.remove(broker);
        Server.await("/v1.0/metadata", r -> r.body().contains(subscription), Duration.ofSeconds(30));
        assertEquals(Dapr.json("{\"n\":\"refused\"}"), next(broker + "/comeback", 30).get("data"));
    }

    private static int counter() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/v1.0/actors/counter/pubsub-" + PORT + "/method/get")
                .POST(BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(r.body().strip());
    }

    @Test
    void aSubscriptionDeliversToAnActorMethod() throws Exception {
        // declared in the test server: jetstream topic to-actor-PORT -> actor:counter/pubsub-PORT/turn
        int before = counter();
        for (int i = 0; i < 2; i++) {
            assertEquals(204, publish("/v1.0/publish/jetstream/to-actor-" + PORT, "application/json", "{\"n\":" + i + "}").statusCode());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (counter() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(before + 2, counter(), "each event is one turn of the actor");
    }

    private static double invocations(String function) throws Exception {
        String metrics = Server.get("/metrics?scope=application").body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("capa_function_invocations_total{function=\"" + function + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void aSubscriptionDeliversToAWasmFunctionAndAMissingFunctionDropsToTheDeadLetterTopic() throws Exception {
        // declared: to-function-PORT -> function:from-config; to-no-function-PORT -> function:no-such-function,
        // dead letters to no-function-dead-PORT, delivered to this test's app
        double before = invocations("from-config");
        assertEquals(204, publish("/v1.0/publish/jetstream/to-function-" + PORT, "text/plain", "for the function").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (invocations("from-config") < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(before + 1, invocations("from-config"), 0.0, "the function ran once for the event");
        assertEquals(204, publish("/v1.0/publish/jetstream/to-no-function-" + PORT, "text/plain", "nobody").statusCode());
        assertEquals("nobody", next("no-function-dead").getString("data"));
    }
}
