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
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The JetStream input binding ({@code JetStreamInputBinding} bean, durable pull consumer) with a
 * wasm function as its target ({@code function:js-input}, the test guest {@code hello-http}, which
 * for {@code X-Reply-Mode: redis} stores the body in Redis under {@code http:<body>}, in its key namespace
 * {@code capa:fn:js-input:}): every message
 * runs the function and is acknowledged only then; a message the function fails on is
 * dead-lettered after 3 attempts and terminated; nothing stays pending.
 */
class JetStreamInputIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String STREAM = "CAPA_IT_" + PORT + "_INPUT";
    private static final String SUBJECT = "capa.it." + PORT + ".jsinput";
    private static final String DURABLE = "capa-it-" + PORT;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path FUNCTION = Path.of(System.getProperty("capa.server.dir"), "functions", "js-input.wasm");

    private static Connection nats;
    private static JedisPooled redis;
    private static final List<String> keys = new ArrayList<>();
    private static final String GUEST_KEYS = "capa:fn:js-input:";

    @BeforeAll
    static void start() throws Exception {
        Path temp = Files.createTempFile(FUNCTION.getParent(), "drop-", ".tmp");
        Files.copy(Path.of(System.getProperty("capa.guests.dir"), "hello-http.wasm"), temp,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, FUNCTION, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitFunction();
        nats = Nats.connect("nats://127.0.0.1:4222");
        redis = new JedisPooled("127.0.0.1", 6379);
        awaitConsumer(nats.jetStreamManagement());
    }

    @AfterAll
    static void stop() throws Exception {
        Files.deleteIfExists(FUNCTION);
        keys.forEach(redis::del);
        redis.close();
        nats.jetStreamManagement().purgeStream(STREAM); // the stream and its consumer stay for the next build
        nats.close();
    }

    @Test
    void everyMessageRunsTheFunctionAndIsAcknowledgedAfterwards() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        JetStream js = nats.jetStream();
        for (int i = 0; i < 20; i++) {
            String body = run + "-" + i;
            keys.add(GUEST_KEYS + "http:" + body);
            js.publish(NatsMessage.builder().subject(SUBJECT).headers(new Headers().add("X-Reply-Mode", "redis"))
                    .data(body.getBytes(StandardCharsets.UTF_8)).build());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        long stored = 0;
        while (stored < 20 && System.nanoTime() < deadline) {
            stored = keys.stream().filter(k -> k.startsWith(GUEST_KEYS + "http:" + run)).filter(k -> redis.get(k) != null).count();
            Thread.sleep(100);
        }
        assertEquals(20, stored, "the function stored every message's body in Redis");
        assertEquals(run + "-7", redis.get(GUEST_KEYS + "http:" + run + "-7"));
        assertNothingPending();
    }

    @Test
    void aMessageTheFunctionFailsOnIsDeadLetteredAndTerminated() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        Subscription dlq = nats.subscribe(SUBJECT + ".dlq");
        nats.flush(Duration.ofSeconds(2));
        nats.jetStream().publish(NatsMessage.builder().subject(SUBJECT)
                .headers(new Headers().add("X-Reply-Mode", "error"))
                .data(("poison-" + run).getBytes(StandardCharsets.UTF_8)).build());
        Message dead = dlq.nextMessage(WAIT);
        assertNotNull(dead, "the poison message on " + SUBJECT + ".dlq");
        assertEquals("poison-" + run, new String(dead.getData(), StandardCharsets.UTF_8));
        assertEquals("3", dead.getHeaders().getFirst("capa-attempts"));
        assertTrue(dead.getHeaders().getFirst("capa-dead-letter-reason").contains("500"),
                dead.getHeaders().getFirst("capa-dead-letter-reason"));
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

    private static void awaitFunction() throws Exception {
        URI uri = URI.create(Sidecar.base() + "/wasm/functions/js-input");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Sidecar.CLIENT.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the function js-input was not deployed from " + FUNCTION);
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
        throw new AssertionError("the server did not create the durable consumer " + DURABLE + " on " + STREAM);
    }
}
