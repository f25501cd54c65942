// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.CapaResourceAdapter;
import jakarta.resource.ResourceException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.nats.client.Connection;
import io.nats.client.Nats;
import redis.clients.jedis.JedisPooled;

/**
 * The broker SPI on memory, on real Redis streams and on the real NATS JetStream (prefix unique to
 * the test). Kafka runs only in the end-to-end tests, where the build starts a broker.
 */
class BrokerContractTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String prefix = "capa-test-pubsub-" + UUID.randomUUID() + ":";
    private final String subjects = "capatest.pubsub." + UUID.randomUUID().toString().replace("-", "") + ".";
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private PubSubConnection broker;

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
    }

    private PubSubConnection open(String backend) throws Exception {
        PubSubManagedConnectionFactory f = new PubSubManagedConnectionFactory();
        f.setBackend(backend);
        f.setStreamPrefix(backend.equals("jetstream") ? subjects : prefix);
        f.setRedeliverAfterMillis(300);
        f.setResourceAdapter(adapter);
        return ((PubSubConnectionFactory) f.createConnectionFactory()).getConnection();
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        executor.shutdownNow();
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : admin.keys(prefix + "*")) {
                admin.del(key);
            }
        }
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.jetStreamManagement().deleteStream(subjects.substring(0, subjects.length() - 1).replace('.', '_')
                    .toUpperCase(java.util.Locale.ROOT));
        } catch (Exception e) {
            // the memory and redis cases made no stream
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jetstream"})
    void eachGroupGetsEachMessageAndARefusedMessageComesBack(String backend) throws Exception {
        broker = open(backend);
        LinkedBlockingQueue<String> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();
        AtomicInteger refusals = new AtomicInteger();
        try (PubSubSubscription sa = broker.subscribe("t", "group-a", m -> a.add(new String(m, StandardCharsets.UTF_8)), executor);
                PubSubSubscription sb = broker.subscribe("t", "group-b", m -> {
                    b.add(new String(m, StandardCharsets.UTF_8));
                    return refusals.getAndIncrement() > 0; // refuses the first delivery
                }, executor)) {
            broker.publish("t", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("hello", a.poll(5, TimeUnit.SECONDS));
            assertEquals("hello", b.poll(5, TimeUnit.SECONDS));
            assertEquals("hello", b.poll(5, TimeUnit.SECONDS), "delivered again after a refusal");
            assertNull(a.poll(700, TimeUnit.MILLISECONDS), "an accepted message is not delivered again");
            assertNull(b.poll(700, TimeUnit.MILLISECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jetstream"})
    void anyBytesPassUnchanged(String backend) throws Exception {
        broker = open(backend);
        LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (PubSubSubscription s = broker.subscribe("bin", "g", m -> got.add(m), executor)) {
            byte[] bytes = {0, (byte) 0xff, 10, 13, '"'};
            broker.publish("bin", bytes);
            assertArrayEquals(bytes, got.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNewJetStreamGroupStartsAtTheNewestMessageAndKeepsItsPlaceWhileAway() throws Exception {
        broker = open("jetstream");
        broker.publish("kept", "before".getBytes(StandardCharsets.UTF_8));
        // one queue per subscription: what the closed one still takes would show in its own
        LinkedBlockingQueue<String> firstGot = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> againGot = new LinkedBlockingQueue<>();
        PubSubSubscription first = broker.subscribe("kept", "g", m -> firstGot.add(new String(m, StandardCharsets.UTF_8)), executor);
        broker.publish("kept", "one".getBytes(StandardCharsets.UTF_8));
        assertEquals("one", firstGot.poll(5, TimeUnit.SECONDS), "not the message from before the group existed");
        first.close();
        // no pause: a fetch of the closed subscription still under way must hand the message back, not take it
        broker.publish("kept", "two".getBytes(StandardCharsets.UTF_8));
        broker.publish("kept", "three".getBytes(StandardCharsets.UTF_8));
        try (PubSubSubscription again = broker.subscribe("kept", "g", m -> againGot.add(new String(m, StandardCharsets.UTF_8)), executor)) {
            // in either order: one handed back by the closed subscription comes again after the other
            java.util.List<String> read = new java.util.ArrayList<>();
            read.add(againGot.poll(10, TimeUnit.SECONDS));
            read.add(againGot.poll(10, TimeUnit.SECONDS));
            read.sort(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
            assertEquals(java.util.List.of("three", "two"), read, "published while no one read the group");
            assertNull(firstGot.poll(700, TimeUnit.MILLISECONDS), "a closed subscription receives nothing more");
        }
    }

    @Test
    void badJetStreamSettingsNameTheProperty() throws Exception {
        PubSubManagedConnectionFactory f = new PubSubManagedConnectionFactory();
        f.setResourceAdapter(adapter);
        f.setBackend("jetstream");
        f.setStreamPrefix("bad prefix");
        assertTrue(assertThrows(ResourceException.class, f::createConnectionFactory).getMessage().contains("streamPrefix"));
        f.setStreamPrefix("");
        f.setInitialOffset("middle");
        assertTrue(assertThrows(ResourceException.class, f::createConnectionFactory).getMessage().contains("initialOffset"));
        f.setBackend("rabbit");
        String message = assertThrows(ResourceException.class, f::createConnectionFactory).getMessage();
        assertTrue(message.contains("jetstream") && message.contains("kafka"), message);
    }

    @Test
    void durableNamesAreOneNatsTokenAndDistinct() {
        assertEquals("app_orders", JetStreamPubSubBroker.durableName("app", "orders"));
        String a = JetStreamPubSubBroker.durableName("app", "a.b");
        String b = JetStreamPubSubBroker.durableName("app", "a_b");
        assertTrue(a.matches("[A-Za-z0-9_-]+"), a);
        assertNotEquals(a, b);
    }
}
