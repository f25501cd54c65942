// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import it.io.capaee.support.SharedResources;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * RabbitMQ end to end against the machine's broker: the {@code rabbitmq} output binding publishes
 * with confirms and refuses what no queue takes; the {@code RabbitMqInputBinding} bean (a queue unique
 * to this build's port, bound to a topic exchange with {@code orders.#}) delivers each message to
 * {@link InputApp} with its headers, retries failures (3 attempts here), dead-letters what still
 * fails to {@code <queue>.dlq}, and acknowledges a message to the broker only afterwards.
 */
@ResourceLock(SharedResources.INPUT_APP_PORT)
class RabbitMqBindingsIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String QUEUE = "capa-it-" + PORT + "-input";
    private static final String DLQ = QUEUE + ".dlq";
    private static final String EXCHANGE = "capa.it." + PORT + ".events";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static InputApp app;
    private static Connection connection;
    private static Channel channel;

    @BeforeAll
    static void start() throws Exception {
        app = new InputApp();
        connection = new ConnectionFactory().newConnection("capa-it");
        channel = connection.createChannel();
        channel.confirmSelect();
        // the input binding declares both when it starts; declared here too, so this test does not race it
        channel.exchangeDeclare(EXCHANGE, "topic", true);
        channel.queueDeclare(DLQ, true, false, false, null);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        connection.close();
    }

    private static void publish(String routingKey, String body, Map<String, Object> headers) throws Exception {
        channel.basicPublish(EXCHANGE, routingKey, new AMQP.BasicProperties.Builder().headers(headers).deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5000);
    }

    /** The next message of {@code queue}, acknowledged, waiting at most {@link #WAIT}. */
    private static GetResponse next(String queue) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(100);
        }
        return null;
    }

    @Test
    void messagesReachTheAppOnceEachWithTheirHeaders() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        for (int i = 0; i < 20; i++) {
            publish("orders.created", "{\"run\":\"" + run + "\",\"n\":" + i + "}", Map.of("trace", "t-" + i));
        }
        List<InputApp.Event> events = app.await("/rabbitmq-input", WAIT,
                list -> list.stream().filter(e -> e.body().contains(run)).count() >= 20);
        List<InputApp.Event> ours = events.stream().filter(e -> e.body().contains(run)).toList();
        assertEquals(20, ours.size(), "every message reached the app once");
        for (int i = 0; i < 20; i++) {
            assertTrue(ours.get(i).body().contains("\"n\":" + i + "}"), "in order: " + ours.get(i).body());
        }
        InputApp.Event first = ours.get(0);
        assertEquals("t-0", first.headers().get("trace"), "AMQP headers arrive as HTTP headers");
        assertEquals(QUEUE, first.headers().get("queue"));
        assertEquals(EXCHANGE, first.headers().get("exchange"));
        assertEquals("orders.created", first.headers().get("routingkey"), "header names arrive in lower case");
    }

    @Test
    void failuresAreRetriedAndWhatStillFailsIsDeadLettered() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        publish("orders.flaky", "flaky-" + run, Map.of());
        publish("orders.poison", "poison-" + run, Map.of("trace", "p"));
        GetResponse letter = next(DLQ);
        assertNotNull(letter, "the poison message on " + DLQ);
        assertEquals("poison-" + run, new String(letter.getBody(), StandardCharsets.UTF_8));
        Map<String, Object> headers = letter.getProps().getHeaders();
        assertEquals("3", headers.get("capa-attempts").toString());
        assertEquals(QUEUE, headers.get("capa-original-queue").toString());
        assertEquals("p", headers.get("trace").toString(), "the message's own headers are kept");
        assertTrue(headers.get("capa-dead-letter-reason").toString().contains("500"), headers.toString());
        assertEquals(2, letter.getProps().getDeliveryMode(), "a persistent dead letter");
        List<InputApp.Event> flaky = app.await("/rabbitmq-input", WAIT,
                list -> list.stream().anyMatch(e -> e.body().equals("flaky-" + run)));
        InputApp.Event accepted = flaky.stream().filter(e -> e.body().equals("flaky-" + run)).findFirst().orElseThrow();
        assertEquals("3", accepted.headers().get("capa-attempt"), "accepted on the third attempt");
        assertTrue(app.accepted("/rabbitmq-input").stream().noneMatch(e -> e.body().startsWith("poison-" + run)));
    }

    @Test
    void theOutputBindingPublishesWithConfirmsAndItsMetadata() throws Exception {
        String queue = "capa.it." + PORT + ".out." + Long.toHexString(System.nanoTime());
        channel.queueDeclare(queue, true, false, false, null);
        try {
            HttpResponse<String> published = Sidecar.invoke("rabbitmq", "{\"operation\":\"create\",\"data\":{\"n\":1},"
                    + "\"metadata\":{\"routingKey\":\"" + queue + "\",\"trace\":\"o-1\",\"ttlInSeconds\":\"60\","
                    + "\"priority\":\"3\",\"contentType\":\"application/json\"}}");
            assertEquals(204, published.statusCode(), "published, nothing to return: " + published.body());
            GetResponse message = next(queue);
            assertNotNull(message, "the binding's message on " + queue);
            assertEquals("{\"n\":1}", new String(message.getBody(), StandardCharsets.UTF_8));
            assertEquals("o-1", message.getProps().getHeaders().get("trace").toString(), "other metadata travels as headers");
            assertEquals("60000", message.getProps().getExpiration());
            assertEquals(3, message.getProps().getPriority());
            assertEquals("application/json", message.getProps().getContentType());
            assertEquals(2, message.getProps().getDeliveryMode(), "persistent");
        } finally {
            channel.queueDelete(queue);
        }
    }

    @Test
    void theOutputBindingRefusesWhatNoQueueTakesAndKeysOutsideItsAllowList() throws Exception {
        HttpResponse<String> unroutable = Sidecar.invoke("rabbitmq", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"routingKey\":\"capa.it." + PORT + ".no-such-queue\"}}");
        assertEquals(400, unroutable.statusCode(), unroutable.body());
        assertTrue(unroutable.body().contains("no-such-queue"), unroutable.body());
        assertTrue(unroutable.headers().firstValue("content-type").orElse("").contains("problem+json"));
        HttpResponse<String> forbidden = Sidecar.invoke("rabbitmq", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"routingKey\":\"amq.rabbitmq.reply-to\"}}");
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertTrue(forbidden.body().contains("amq.rabbitmq.reply-to"), forbidden.body());
        HttpResponse<String> priority = Sidecar.invoke("rabbitmq", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"routingKey\":\"capa.it.x\",\"priority\":\"high\"}}");
        assertEquals(400, priority.statusCode(), priority.body());
        assertTrue(priority.body().contains("priority"), priority.body());
    }
}
