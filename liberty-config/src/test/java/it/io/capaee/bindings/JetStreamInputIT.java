// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JetStream input binding ({@code JetStreamInputBinding} bean, durable pull consumer): every
 * message reaches the app and is acknowledged only then; a message the app refuses is
 * dead-lettered after 3 attempts and terminated, so nothing stays pending.
 */
class JetStreamInputIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String STREAM = "CAPA_IT_" + PORT + "_INPUT";
    private static final String SUBJECT = "capa.it." + PORT + ".jsinput";
    private static final String DURABLE = "capa-it-" + PORT;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static InputApp app;
    private static Connection nats;

    @BeforeAll
    static void start() throws Exception {
        app = new InputApp();
        nats = Nats.connect("nats://127.0.0.1:4222");
        awaitConsumer(nats.jetStreamManagement());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        nats.close();
    }

    @Test
    void messagesReachTheAppAndAreAcknowledgedAfterwards() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        JetStream js = nats.jetStream();
        for (int i = 0; i < 20; i++) {
            js.publish(SUBJECT, (run + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<InputApp.Event> events = app.await("/jetstream-input", WAIT,
                list -> list.stream().filter(e -> e.body().startsWith(run + "-")).count() >= 20);
        List<InputApp.Event> ours = events.stream().filter(e -> e.body().startsWith(run + "-")).toList();
        assertEquals(20, ours.stream().map(InputApp.Event::body).distinct().count(), "every message reached the app");
        assertEquals(STREAM, ours.get(0).headers().get("stream"));
        assertNotNull(ours.get(0).headers().get("sequence"));
        assertNothingPending();
    }

    @Test
    void aRefusedMessageIsDeadLetteredAndTerminated() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        Subscription dlq = nats.subscribe(SUBJECT + ".dlq");
        nats.flush(Duration.ofSeconds(2));
        nats.jetStream().publish(SUBJECT, ("poison-" + run).getBytes(StandardCharsets.UTF_8));
        Message dead = dlq.nextMessage(WAIT);
        assertNotNull(dead, "the poison message on " + SUBJECT + ".dlq");
        assertEquals("poison-" + run, new String(dead.getData(), StandardCharsets.UTF_8));
        assertEquals("3", dead.getHeaders().getFirst("capa-attempts"));
        assertNothingPending();
    }

    private static void assertNothingPending() throws Exception {
        JetStreamManagement jsm = nats.jetStreamManagement();
        long deadline = System.nanoTime() + WAIT.toNanos();
        ConsumerInfo info = jsm.getConsumerInfo(STREAM, DURABLE);
        while ((info.getNumAckPending() > 0 || info.getNumPending() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            info = jsm.getConsumerInfo(STREAM, DURABLE);
        }
        assertEquals(0, info.getNumAckPending(), "acknowledged (or terminated) after delivery");
        assertEquals(0, info.getNumPending(), "nothing left to deliver");
    }

    private static void awaitConsumer(JetStreamManagement jsm) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                jsm.getConsumerInfo(STREAM, DURABLE);
                return;
            } catch (JetStreamApiException e) {
                Thread.sleep(200);
            }
        }
        assertTrue(false, "the server did not create the durable consumer " + DURABLE + " on " + STREAM);
    }
}
