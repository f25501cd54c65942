// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.pubsub;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.io.capaee.support.AppPort;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Deliveries;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.XTrimParams;

/**
 * Pub/sub through the Redis-streams broker {@code pubsub}: this test plays the app at
 * {@code capa.app.url}; the server discovers its subscriptions at {@code /dapr/subscribe} and
 * delivers CloudEvents with Dapr's SUCCESS / RETRY / DROP semantics, retries (3 attempts in the
 * test server) and a dead-letter topic.
 */
@ResourceLock(SharedResources.APP_PORT)
class PubSubIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORDERS = "orders-" + RUN;
    private static final String FLAKY = "flaky-" + RUN;
    private static final String DEAD = "dead-" + RUN;
    private static final String DROPPY = "droppy-" + RUN;
    private static final String RECOVERS = "recovers-" + RUN;

    private static final String DECLARED = "declared-" + System.getProperty("http.port");
    private static final String DECLARED_STREAM = "it-" + System.getProperty("http.port") + ":" + DECLARED;
    /** Longer than the broker's redelivery interval (capa.pubsub.redeliver-after-millis of the test server) and its claim loop. */
    private static final Duration PAST_REDELIVERY =
            Duration.ofMillis(2 * Long.getLong("it.pubsub.redeliver-after-millis", 1000) + 1000);
    private static HttpServer app;
    private static volatile boolean listing = true;
    private static final Deliveries deliveries = new Deliveries();

    @BeforeAll
    static void startApp() throws Exception {
        app = AppPort.server();
        app.createContext("/dapr/subscribe", x -> Deliveries.answer(x, 200, !listing ? "[]" : "[" + String.join(",",
                sub(ORDERS, "/orders", null), sub(FLAKY, "/flaky", DEAD), sub(DEAD, "/dead", null),
                sub(DROPPY, "/droppy", DEAD), sub(RECOVERS, "/recovers", null)) + "]"));
        app.createContext("/orders", x -> deliveries.record(x, "orders", 200, ""));
        app.createContext("/declared", x -> deliveries.record(x, "declared", 200, ""));
        app.createContext("/flaky", x -> deliveries.record(x, "flaky", 200, "{\"status\":\"RETRY\"}"));
        app.createContext("/dead", x -> deliveries.record(x, "dead", 200, "{\"status\":\"SUCCESS\"}"));
        app.createContext("/droppy", x -> deliveries.record(x, "droppy", 200, "{\"status\":\"DROP\"}"));
        app.createContext("/recovers", x -> {
            int n = deliveries.calls("recovers");
            deliveries.record(x, "recovers", n < 2 ? 500 : 200, "");
        });
        app.start();
        Server.await("/v1.0/metadata", r -> r.body().contains(ORDERS) && r.body().contains(RECOVERS) && r.body().contains(DEAD),
                Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopApp() throws Exception {
        // the app stops listing its subscriptions: the server stops them, then their streams can go
        listing = false;
        Server.await("/v1.0/metadata", r -> !r.body().contains(ORDERS) && !r.body().contains(DEAD), Duration.ofSeconds(15));
        app.stop(0);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            for (String t : new String[] {ORDERS, FLAKY, DEAD, DROPPY, RECOVERS}) {
                redis.del("it-" + System.getProperty("http.port") + ":" + t);
            }
            // emptied, not deleted: the declared subscription's consumer group lives as long as the server
            redis.xtrim(DECLARED_STREAM, XTrimParams.xTrimParams().maxLen(0));
        }
    }

    private static String sub(String topic, String route, String deadLetter) {
        return "{\"pubsubname\":\"pubsub\",\"topic\":\"" + topic + "\",\"route\":\"" + route + "\""
                + (deadLetter == null ? "" : ",\"deadLetterTopic\":\"" + deadLetter + "\"") + "}";
    }



    /**
     * A message the server took but did not acknowledge stays in the group's pending list and comes
     * again once it has been idle for the redelivery interval: the list must empty, whatever the timing.
     */
    private static void assertAcknowledged(String topic) throws InterruptedException {
        String stream = "it-" + System.getProperty("http.port") + ":" + topic;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            long pending;
            while ((pending = redis.xpending(stream, Server.appId()).getTotal()) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, pending, "messages of " + stream + " that group " + Server.appId() + " never acknowledged");
        }
    }

    private static JsonObject next(String name) throws InterruptedException {
        return deliveries.next(name, 10);
    }

    private static HttpResponse<String> publish(String path, String contentType, String body) throws Exception {
        return Server.send(Server.request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
    }

    @Test
    void aPublishedJsonEventReachesTheSubscribedAppAsACloudEvent() throws Exception {
        assertEquals(204, publish("/v1.0/publish/pubsub/" + ORDERS, "application/json", "{\"item\":\"tea\"}").statusCode());
        JsonObject event = next("orders");
        assertEquals(Dapr.json("{\"item\":\"tea\"}"), event.get("data"));
        assertEquals("1.0", event.getString("specversion"));
        assertEquals("com.dapr.event.sent", event.getString("type"));
        assertEquals(Dapr.appId(), event.getString("source"));
        assertEquals(ORDERS, event.getString("topic"));
        assertEquals("pubsub", event.getString("pubsubname"));
        assertEquals("application/json", event.getString("datacontenttype"));
        assertTrue(!event.getString("id").isEmpty());
    }

    @Test
    void textRawPayloadsAndBulkPublishesAreDelivered() throws Exception {
        assertEquals(204, publish("/v1.0/publish/pubsub/" + ORDERS, "text/plain", "hello").statusCode());
        assertEquals("hello", next("orders").getString("data"));
        assertEquals(204, publish("/v1.0/publish/pubsub/" + ORDERS + "?metadata.rawPayload=true", "application/octet-stream", "raw bytes").statusCode());
        JsonObject raw = next("orders");
        assertEquals("raw bytes", new String(Base64.getDecoder().decode(raw.getString("data_base64")), StandardCharsets.UTF_8));
        assertEquals(204, publish("/v1.0-alpha1/publish/bulk/pubsub/" + ORDERS, "application/json",
                "[{\"entryId\":\"1\",\"event\":{\"n\":1}},{\"entryId\":\"2\",\"event\":2}]").statusCode());
        JsonObject first = next("orders");
        JsonObject second = next("orders");
        int sum = first.getJsonObject("data").getInt("n") + second.getInt("data");
        assertEquals(3, sum);
    }

    @Test
    void retriesThenSuccessDeliversOnce() throws Exception {
        assertEquals(204, publish("/v1.0/publish/pubsub/" + RECOVERS, "application/json", "{\"n\":1}").statusCode());
        for (int i = 0; i < 3; i++) {
            next("recovers");
        }
        assertAcknowledged(RECOVERS);
        assertNull(deliveries.queue("recovers").poll(PAST_REDELIVERY.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(3, deliveries.calls("recovers"));
    }

    @Test
    void retryUntilTheAttemptsAreSpentThenTheDeadLetterTopic() throws Exception {
        assertEquals(204, publish("/v1.0/publish/pubsub/" + FLAKY, "application/json", "{\"poison\":true}").statusCode());
        for (int i = 0; i < 3; i++) {
            next("flaky");
        }
        JsonObject dead = next("dead");
        assertEquals(Dapr.json("{\"poison\":true}"), dead.get("data"));
        assertAcknowledged(FLAKY);
        assertNull(deliveries.queue("flaky").poll(PAST_REDELIVERY.toMillis(), TimeUnit.MILLISECONDS),
                "no more attempts after the dead letter");
    }

    @Test
    void dropIsNotRetried() throws Exception {
        assertEquals(204, publish("/v1.0/publish/pubsub/" + DROPPY, "application/json", "{\"drop\":1}").statusCode());
        next("droppy");
        assertEquals(Dapr.json("{\"drop\":1}"), next("dead").get("data"));
        assertAcknowledged(DROPPY);
        assertNull(deliveries.queue("droppy").poll(PAST_REDELIVERY.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aSubscriptionDeclaredInServerConfigurationIsDelivered() throws Exception {
        String metadata = Server.get("/v1.0/metadata").body();
        assertTrue(metadata.contains("\"topic\":\"" + DECLARED + "\""), metadata);
        assertTrue(metadata.contains("DECLARATIVE"), metadata);
        assertEquals(204, publish("/v1.0/publish/pubsub/" + DECLARED, "application/json", "{\"declared\":true}").statusCode());
        assertEquals(Dapr.json("{\"declared\":true}"), next("declared").get("data"));
    }

    @Test
    void publishErrorsAreDaprs() throws Exception {
        assertError(publish("/v1.0/publish/nope/" + ORDERS, "application/json", "{}"), 404, "ERR_PUBSUB_NOT_FOUND");
        assertError(publish("/v1.0/publish/pubsub/" + ORDERS + "?metadata.rawPayload=maybe", "text/plain", "x"), 400,
                "ERR_PUBSUB_REQUEST_METADATA");
        assertError(publish("/v1.0/publish/pubsub/" + ORDERS, "application/json", "{not json"), 400, "ERR_MALFORMED_REQUEST");
        assertError(publish("/v1.0-alpha1/publish/bulk/pubsub/" + ORDERS, "application/json",
                "[{\"entryId\":\"1\",\"event\":1},{\"entryId\":\"1\",\"event\":2}]"), 400, "ERR_PUBSUB_EVENTS_SER");
    }
}
