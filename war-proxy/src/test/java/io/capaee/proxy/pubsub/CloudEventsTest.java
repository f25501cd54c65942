// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.proxy.dapr.DaprException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
    private static JsonObject envelope(String body, String type) {
        byte[] e = CloudEvents.envelope(body.getBytes(StandardCharsets.UTF_8), type, "app", "pubsub", "orders");
        return Json.createReader(new StringReader(new String(e, StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void jsonTextAndBinaryPayloadsGoWhereDaprPutsThem() {
        JsonObject json = envelope("1", "application/json");
        assertEquals(1, json.getInt("data"));
        assertEquals("1.0", json.getString("specversion"));
        assertEquals("app", json.getString("source"));
        assertEquals("com.dapr.event.sent", json.getString("type"));
        assertEquals("orders", json.getString("topic"));
        assertEquals("pubsub", json.getString("pubsubname"));
        assertEquals("hi", envelope("hi", null).getString("data"));
        assertEquals("text/plain", envelope("hi", null).getString("datacontenttype"));
        assertEquals("AQI=", Json.createReader(new StringReader(new String(CloudEvents.envelope(new byte[] {1, 2},
                "application/octet-stream", "app", "p", "t"), StandardCharsets.UTF_8))).readObject().getString("data_base64"));
    }

    @Test
    void aGivenCloudEventKeepsItsFieldsAndGetsTheMissingOnes() {
        JsonObject e = envelope("{\"id\":\"mine\",\"type\":\"my.type\",\"data\":{\"a\":1},\"topic\":\"spoofed\"}", "application/cloudevents+json");
        assertEquals("mine", e.getString("id"));
        assertEquals("my.type", e.getString("type"));
        assertEquals("app", e.getString("source"));
        assertEquals("orders", e.getString("topic"), "topic and pubsubname are always the sidecar's");
        assertTrue(CloudEvents.isEnvelope(e.toString().getBytes(StandardCharsets.UTF_8)));
        assertFalse(CloudEvents.isEnvelope("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(DaprException.class, () -> envelope("{oops", "application/json"));
    }

    @Test
    void discoveryReadsRoutesV1AndV2AndSkipsIncompleteEntries() {
        List<Subscription> subs = SubscriptionDiscovery.parse("[{\"pubsubname\":\"p\",\"topic\":\"a\",\"route\":\"/a\",\"deadLetterTopic\":\"dl\"},"
                + "{\"pubsubname\":\"p\",\"topic\":\"b\",\"routes\":{\"rules\":[{\"match\":\"x\",\"path\":\"/x\"}],\"default\":\"/b\"},"
                + "\"metadata\":{\"rawPayload\":\"true\"}},{\"topic\":\"no-pubsub\",\"route\":\"/n\"},{\"pubsubname\":\"p\",\"topic\":\"no-route\"}]");
        assertEquals(List.of(new Subscription("p", "a", "/a", "dl", false, "PROGRAMMATIC"),
                new Subscription("p", "b", "/b", null, true, "PROGRAMMATIC")), subs);
    }

    @Test
    void discoveryReadsHowManyDeliveriesASubscriptionAllowsAtOnceAndSkipsOneThatCannotBe() {
        List<Subscription> subs = SubscriptionDiscovery.parse("["
                + "{\"pubsubname\":\"p\",\"topic\":\"a\",\"route\":\"/a\",\"metadata\":{\"maxConcurrentDeliveries\":\"8\"}},"
                + "{\"pubsubname\":\"p\",\"topic\":\"zero\",\"route\":\"/z\",\"metadata\":{\"maxConcurrentDeliveries\":\"0\"}},"
                + "{\"pubsubname\":\"p\",\"topic\":\"word\",\"route\":\"/w\",\"metadata\":{\"maxConcurrentDeliveries\":\"many\"}},"
                + "{\"pubsubname\":\"p\",\"topic\":\"b\",\"route\":\"/b\"}]");
        assertEquals(List.of(new Subscription("p", "a", "/a", null, false, "PROGRAMMATIC", 8),
                new Subscription("p", "b", "/b", null, false, "PROGRAMMATIC", 0)), subs);
        SubscriptionSettings settings = new SubscriptionSettings("app", null, false, "http://127.0.0.1:2", null,
                Duration.ofSeconds(1), new DeliveryPolicy(3, 10, 100), Duration.ofSeconds(5), 2);
        assertEquals(8, settings.maxConcurrentDeliveries(subs.get(0)), "its own");
        assertEquals(2, settings.maxConcurrentDeliveries(subs.get(1)), "the server's");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SubscriptionSettings("app", null, false,
                "http://127.0.0.1:2", null, Duration.ofSeconds(1), new DeliveryPolicy(3, 10, 100),
                Duration.ofSeconds(5), 0));
        assertTrue(e.getMessage().startsWith("capa.pubsub.max-concurrent-deliveries"), e.getMessage());
    }
}
