// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The Reactive Messaging connector {@code capa} in application code (war-sample's
 * ShipmentsChannel, channels in server.xml appProperties): what the sidecar API publishes
 * to {@code sample-orders} reaches the {@code @Incoming} method, a message the method fails on is
 * delivered again (nack), and what the app sends with its {@code Emitter} lands on the Redis stream
 * of {@code sample-shipments}. The streams are this server's ({@code it-PORT:} prefix).
 */
class ReactiveMessagingIT {
    private static final String PREFIX = Dapr.appId() + ":";

    @AfterAll
    static void emptyStreams() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            // emptied, not deleted: the connector's consumer group lives as long as the server
            redis.xtrim(PREFIX + "sample-orders", XTrimParams.xTrimParams().maxLen(0));
            redis.del(PREFIX + "sample-shipments");
        }
    }

    @Test
    void aMessagePublishedThroughTheSidecarReachesTheIncomingMethod() throws Exception {
        String id = Dapr.unique("rm");
        HttpResponse<String> published = Dapr.post("/v1.0/publish/pubsub/sample-orders", "{\"order\":\"" + id + "\"}");
        assertEquals(204, published.statusCode(), published.body());
        HttpResponse<String> seen = Server.await("/sample/messages", r -> r.body().contains(id), Duration.ofSeconds(15));
        // the sidecar API wraps the data in a CloudEvent; the connector hands the bytes over as they are
        String event = Dapr.json(seen.body()).asJsonArray().getString(indexOf(seen.body(), id));
        assertEquals(id, Dapr.json(event).asJsonObject().getJsonObject("data").getString("order"), event);
    }

    @Test
    void aMessageTheMethodFailsOnIsDeliveredAgain() throws Exception {
        String id = Dapr.unique("reject-once");
        assertEquals(204, Dapr.post("/v1.0/publish/pubsub/sample-orders?metadata.rawPayload=true", "{\"order\":\"" + id + "\"}")
                .statusCode());
        // the first delivery throws (nack, no XACK); only the broker's redelivery (5 s in the IT server) records it
        HttpResponse<String> seen = Server.await("/sample/messages", r -> r.body().contains(id), Duration.ofSeconds(30));
        assertEquals(1, Dapr.json(seen.body()).asJsonArray().stream().filter(v -> v.toString().contains(id)).count(), seen.body());
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            Server.await("XPENDING", () -> null, r -> redis.xpending(PREFIX + "sample-orders", Dapr.appId()).getTotal() == 0,
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void whatTheEmitterSendsLandsOnTheCapaTopic() throws Exception {
        String id = Dapr.unique("shipped");
        HttpResponse<String> sent = Server.send(Server.request("/sample/messages").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(id)));
        assertEquals(204, sent.statusCode(), sent.body());
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            List<StreamEntry> entries = redis.xrange(PREFIX + "sample-shipments", "-", "+");
            assertTrue(entries.stream().map(e -> new String(Base64.getDecoder().decode(e.getFields().get("data")), StandardCharsets.UTF_8))
                    .anyMatch(id::equals), entries.toString());
        }
    }

    private static int indexOf(String jsonArray, String id) {
        var array = Dapr.json(jsonArray).asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (array.getString(i).contains(id)) {
                return i;
            }
        }
        throw new AssertionError(id + " not in " + jsonArray);
    }
}
