// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.SharedResources;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * MQTT end to end against the machine's Mosquitto (MQTT 5): the {@code mqtt} output binding
 * publishes and waits for the broker; the {@code MqttInputBinding} bean (a shared subscription to a
 * topic unique to this build) delivers each message to {@link InputApp} with its user properties,
 * retries failures (3 attempts here), dead-letters what still fails, and acknowledges a message to
 * the broker only afterwards.
 */
@ResourceLock(SharedResources.INPUT_APP_PORT)
class MqttBindingsIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String INPUT = "capa/it/" + PORT + "/input";
    private static final String DLQ = INPUT + "/dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static InputApp app;
    private static MqttClient client;

    @BeforeAll
    static void start() throws Exception {
        app = new InputApp();
        client = new MqttClient("tcp://127.0.0.1:1883", "capa-it-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        client.disconnect();
        client.close();
    }

    private static void publish(String topic, String body, Map<String, String> properties) throws Exception {
        MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8), 1, false, null);
        MqttProperties mqttProperties = new MqttProperties();
        mqttProperties.setUserProperties(properties.entrySet().stream()
                .map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        message.setProperties(mqttProperties);
        client.publish(topic, message);
    }

    /** Subscribes to {@code topic}; what arrives lands in the returned queue. */
    private static BlockingQueue<MqttMessage> subscribe(String topic) throws Exception {
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
            new org.eclipse.paho.mqttv5.common.MqttSubscription(topic, 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> received.add(m)});
        return received;
    }

    private static Map<String, String> userProperties(MqttMessage message) {
        Map<String, String> properties = new HashMap<>();
        message.getProperties().getUserProperties().forEach(p -> properties.put(p.getKey(), p.getValue()));
        return properties;
    }

    @Test
    void messagesReachTheAppOnceEachWithTheirUserPropertiesAsHeaders() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        for (int i = 0; i < 20; i++) {
            publish(INPUT, "{\"run\":\"" + run + "\",\"n\":" + i + "}", Map.of("trace", "t-" + i));
        }
        List<InputApp.Event> events = app.await("/mqtt-input", WAIT,
                list -> list.stream().filter(e -> e.body().contains(run)).count() >= 20);
        List<InputApp.Event> ours = events.stream().filter(e -> e.body().contains(run)).toList();
        assertEquals(20, ours.size(), "every message reached the app once");
        InputApp.Event first = ours.stream().filter(e -> e.body().contains("\"n\":0}")).findFirst().orElseThrow();
        assertEquals("t-0", first.headers().get("trace"), "MQTT 5 user properties arrive as HTTP headers");
        assertEquals(INPUT, first.headers().get("topic"));
        assertEquals("1", first.headers().get("qos"));
    }

    @Test
    void failuresAreRetriedAndWhatStillFailsIsDeadLettered() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        BlockingQueue<MqttMessage> dead = subscribe(DLQ);
        publish(INPUT, "flaky-" + run, Map.of());
        publish(INPUT, "poison-" + run, Map.of("trace", "p"));
        MqttMessage letter = dead.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(letter, "the poison message on " + DLQ);
        assertEquals("poison-" + run, new String(letter.getPayload(), StandardCharsets.UTF_8));
        Map<String, String> properties = userProperties(letter);
        assertEquals("3", properties.get("capa-attempts"));
        assertEquals(INPUT, properties.get("capa-original-topic"));
        assertEquals("p", properties.get("trace"), "the message's own user properties are kept");
        assertTrue(properties.get("capa-dead-letter-reason").contains("500"), properties.toString());
        List<InputApp.Event> flaky = app.await("/mqtt-input", WAIT,
                list -> list.stream().anyMatch(e -> e.body().equals("flaky-" + run)));
        InputApp.Event accepted = flaky.stream().filter(e -> e.body().equals("flaky-" + run)).findFirst().orElseThrow();
        assertEquals("3", accepted.headers().get("capa-attempt"), "accepted on the third attempt");
        assertTrue(app.accepted("/mqtt-input").stream().noneMatch(e -> e.body().startsWith("poison-" + run)));
    }

    @Test
    void theOutputBindingPublishesAndWaitsForTheBroker() throws Exception {
        String topic = "capa/it/" + PORT + "/out/" + Long.toHexString(System.nanoTime());
        BlockingQueue<MqttMessage> received = subscribe(topic);
        HttpResponse<String> published = Sidecar.invoke("mqtt", "{\"operation\":\"create\",\"data\":{\"n\":1},"
                + "\"metadata\":{\"topic\":\"" + topic + "\",\"trace\":\"o-1\"}}");
        assertEquals(204, published.statusCode(), "published, nothing to return: " + published.body());
        MqttMessage message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "the binding's message on " + topic);
        assertEquals("{\"n\":1}", new String(message.getPayload(), StandardCharsets.UTF_8));
        assertEquals(1, message.getQos());
        assertEquals("o-1", userProperties(message).get("trace"), "other metadata travels as user properties");
    }

    @Test
    void theOutputBindingRefusesTopicsOutsideItsAllowListAndWildcards() throws Exception {
        HttpResponse<String> forbidden = Sidecar.invoke("mqtt", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"topic\":\"$SYS/broker/x\"}}");
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertTrue(forbidden.body().contains("$SYS/broker/x"), forbidden.body());
        assertTrue(forbidden.headers().firstValue("content-type").orElse("").contains("problem+json"));
        HttpResponse<String> wildcard = Sidecar.invoke("mqtt", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"topic\":\"capa/it/+/x\"}}");
        assertEquals(400, wildcard.statusCode(), wildcard.body());
        HttpResponse<String> retain = Sidecar.invoke("mqtt", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"topic\":\"capa/it/x\",\"retain\":\"maybe\"}}");
        assertEquals(400, retain.statusCode(), retain.body());
        assertTrue(retain.body().contains("retain"), retain.body());
    }
}
