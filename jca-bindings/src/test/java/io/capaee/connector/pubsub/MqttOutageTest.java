// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.TestBootstrapContext;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker outage on the {@code mqtt} pub/sub broker, against a Mosquitto of this test's own (so the
 * machine's broker, which other tests use, keeps running): publishing during the outage fails with a
 * clear error, and once the broker is back and the group's subscription has reconnected every
 * message published before and after reaches the group. Mosquitto 2.0 does not restore shared
 * subscriptions from its persisted sessions, so what is published between its restart and the
 * subscription's reconnection has no subscriber yet: the test publishes after that, as
 * {@code docs/pubsub.md} tells users.
 */
class MqttOutageTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final ThreadPoolWorkManager workManager = new ThreadPoolWorkManager();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> probes = ConcurrentHashMap.newKeySet();
    @TempDir
    Path dir;
    private int port;
    private Process mosquitto;
    private PubSubConnection broker;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                user %s
                """.formatted(port, dir, System.getProperty("user.name")));
        startMosquitto();
        adapter.start(new TestBootstrapContext(workManager));
        PubSubManagedConnectionFactory f = new PubSubManagedConnectionFactory();
        f.setBackend("mqtt");
        f.setMqttUrl("tcp://127.0.0.1:" + port);
        f.setStreamPrefix("capatest/outage/");
        f.setClientIdPrefix("capa-test-outage-" + port);
        f.setRedeliverAfterMillis(200);
        f.setTimeoutMillis(2000);
        f.setResourceAdapter(adapter);
        broker = ((PubSubConnectionFactory) f.createConnectionFactory()).getConnection();
    }

    private void startMosquitto() throws Exception {
        mosquitto = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
    }

    /** A graceful stop, so that Mosquitto writes its sessions and their queued messages to disk. */
    private void stopMosquitto() throws InterruptedException {
        mosquitto.destroy();
        assertTrue(mosquitto.waitFor(10, TimeUnit.SECONDS), "mosquitto stopped");
    }

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        adapter.stop();
        workManager.close();
        mosquitto.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Publishes, trying again while the client reconnects after the outage. */
    private void publishSoon(String topic, String body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                broker.publish(topic, body.getBytes(StandardCharsets.UTF_8));
                return;
            } catch (PubSubException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitDelivered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Publishes probes until one reaches the group: its subscription has reconnected and subscribed again. */
    private void awaitSubscribedAgain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; probes.isEmpty(); i++) {
            assertTrue(System.nanoTime() < deadline, "the subscription did not come back within 60 s");
            publishSoon("orders", "probe-" + i);
            Thread.sleep(200);
        }
    }

    @Test
    void anOutageFailsPublishesClearlyAndLosesNothingOnceTheBrokerIsBack() throws Exception {
        DeliveryHandler handler = new DeliveryHandler() {
            @Override
            public Outcome attempt(byte[] message, int attempt) {
                String text = new String(message, StandardCharsets.UTF_8);
                (text.startsWith("probe-") ? probes : delivered).add(text);
                return Outcome.DELIVERED;
            }

            @Override
            public boolean undelivered(byte[] message, Outcome last, int attempts) {
                return false;
            }
        };
        try (PubSubSubscription s = broker.subscribe("orders", "g", new DeliveryPolicy(3, 10, 20), handler)) {
            for (int i = 0; i < 20; i++) {
                broker.publish("orders", ("before-" + i).getBytes(StandardCharsets.UTF_8));
            }
            awaitDelivered(20);
            assertEquals(20, delivered.size());

            stopMosquitto();
            PubSubException refused = assertThrows(PubSubException.class,
                    () -> broker.publish("orders", "during".getBytes(StandardCharsets.UTF_8)));
            assertTrue(refused.getMessage().contains("127.0.0.1:" + port), refused.getMessage());

            startMosquitto();
            awaitSubscribedAgain();
            for (int i = 0; i < 20; i++) {
                publishSoon("orders", "after-" + i);
            }
            awaitDelivered(40);
        }
        for (int i = 0; i < 20; i++) {
            assertTrue(delivered.contains("before-" + i) && delivered.contains("after-" + i), "message " + i + ": " + delivered);
        }
        assertEquals(40, delivered.size());
    }
}
