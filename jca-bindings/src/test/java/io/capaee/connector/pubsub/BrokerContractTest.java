// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.TestBootstrapContext;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
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
    private final String topics = "capatest/pubsub/" + UUID.randomUUID() + "/";
    private final String exchanges = "capatest.pubsub." + UUID.randomUUID() + ".";
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ThreadPoolWorkManager workManager = new ThreadPoolWorkManager();
    private PubSubConnection broker;

    @BeforeEach
    void start() throws Exception {
        adapter.start(new TestBootstrapContext(workManager));
    }

    private PubSubConnection open(String backend) throws Exception {
        PubSubManagedConnectionFactory f = new PubSubManagedConnectionFactory();
        f.setBackend(backend);
        f.setStreamPrefix(switch (backend) {
            case "jetstream" -> subjects;
            case "mqtt" -> topics;
            case "rabbitmq" -> exchanges;
            default -> prefix;
        });
        f.setRedeliverAfterMillis(300);
        // JetStream: a message nak'ed as its pull subscription stops may go to that subscription's last pull
        // request, which nobody reads any more; it comes again after the ack wait
        f.setAckWaitMillis(2000);
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
        try {
            workManager.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRabbitMqTopology();
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

    /** The durable exchanges and queues the RabbitMQ cases declared: the topics and groups of the tests below. */
    private void deleteRabbitMqTopology() {
        try (com.rabbitmq.client.Connection connection = new com.rabbitmq.client.ConnectionFactory().newConnection();
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            for (String topic : new String[] {"t", "bin", "loop", "spent", "resume", "kept", "headed"}) {
                channel.exchangeDelete(exchanges + topic);
                for (String group : new String[] {"group-a", "group-b", "g", "kept", "dead-lettered"}) {
                    channel.queueDelete(exchanges + group + "-" + topic);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cleaning up RabbitMQ", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jetstream", "mqtt", "rabbitmq"})
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
    @ValueSource(strings = {"memory", "redis", "jetstream", "mqtt", "rabbitmq"})
    void anyBytesPassUnchanged(String backend) throws Exception {
        broker = open(backend);
        LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (PubSubSubscription s = broker.subscribe("bin", "g", m -> got.add(m), executor)) {
            byte[] bytes = {0, (byte) 0xff, 10, 13, '"'};
            broker.publish("bin", bytes);
            assertArrayEquals(bytes, got.poll(5, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jetstream", "mqtt", "rabbitmq"})
    void headersComeBackWithTheirMessage(String backend) throws Exception {
        broker = open(backend);
        LinkedBlockingQueue<Map<String, String>> got = new LinkedBlockingQueue<>();
        DeliveryHandler handler = new DeliveryHandler() {
            @Override
            public Outcome attempt(byte[] message, int attempt) {
                throw new AssertionError("the headers' attempt is the one called");
            }

            @Override
            public Outcome attempt(byte[] message, Map<String, String> headers, int attempt) {
                got.add(headers);
                return Outcome.DELIVERED;
            }

            @Override
            public boolean undelivered(byte[] message, Outcome last, int attempts) {
                return true;
            }
        };
        try (PubSubSubscription s = broker.subscribe("headed", "g", new DeliveryPolicy(1, 10, 10), handler)) {
            String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            broker.publish("headed", "raw".getBytes(StandardCharsets.UTF_8), Map.of("traceparent", traceparent));
            broker.publish("headed", "plain".getBytes(StandardCharsets.UTF_8));
            assertEquals(traceparent, got.poll(5, TimeUnit.SECONDS).get("traceparent"));
            assertNull(got.poll(5, TimeUnit.SECONDS).get("traceparent"), "a message published without headers has none");
        }
    }

    /** Answers RETRY to the first {@code refusals} attempts of each message, records attempts and what became of the rest. */
    private record Recording(LinkedBlockingQueue<String> attempts, LinkedBlockingQueue<String> undelivered, int refusals,
            boolean forget) implements DeliveryHandler {
        Recording(int refusals, boolean forget) {
            this(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>(), refusals, forget);
        }

        @Override
        public Outcome attempt(byte[] message, int attempt) {
            attempts.add(new String(message, StandardCharsets.UTF_8) + "#" + attempt);
            return attempt > refusals ? Outcome.DELIVERED : Outcome.RETRY;
        }

        @Override
        public boolean undelivered(byte[] message, Outcome last, int attempts) {
            undelivered.add(new String(message, StandardCharsets.UTF_8) + " " + last + " " + attempts);
            return forget;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jetstream", "mqtt", "rabbitmq"})
    void onTheAdaptersWorkManagerARetriedMessageIsAcknowledgedOnceDelivered(String backend) throws Exception {
        broker = open(backend);
        Recording handler = new Recording(2, false);
        try (PubSubSubscription s = broker.subscribe("loop", "g", new DeliveryPolicy(3, 10, 20), handler)) {
            broker.publish("loop", "m".getBytes(StandardCharsets.UTF_8));
            assertEquals("m#1", handler.attempts().poll(5, TimeUnit.SECONDS));
            assertEquals("m#2", handler.attempts().poll(5, TimeUnit.SECONDS));
            assertEquals("m#3", handler.attempts().poll(5, TimeUnit.SECONDS));
            assertNull(handler.attempts().poll(700, TimeUnit.MILLISECONDS), "acknowledged: not delivered again");
            assertNull(handler.undelivered().poll());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jetstream", "mqtt", "rabbitmq"})
    void onTheAdaptersWorkManagerAMessageOutOfAttemptsComesBackUnlessItWasDealtWith(String backend) throws Exception {
        broker = open(backend);
        Recording kept = new Recording(99, false);
        Recording deadLettered = new Recording(99, true);
        try (PubSubSubscription k = broker.subscribe("spent", "kept", new DeliveryPolicy(2, 0, 0), kept);
                PubSubSubscription d = broker.subscribe("spent", "dead-lettered", new DeliveryPolicy(1, 0, 0), deadLettered)) {
            broker.publish("spent", "m".getBytes(StandardCharsets.UTF_8));
            assertEquals("m RETRY 2", kept.undelivered().poll(5, TimeUnit.SECONDS));
            assertEquals("m RETRY 2", kept.undelivered().poll(5, TimeUnit.SECONDS), "released: the broker delivers it again");
            assertEquals("m RETRY 1", deadLettered.undelivered().poll(5, TimeUnit.SECONDS));
            assertNull(deadLettered.undelivered().poll(1000, TimeUnit.MILLISECONDS), "dealt with: acknowledged");
        }
    }

    /** Not the memory broker: it drops a group's queue when the group's last subscription closes (documented). */
    @ParameterizedTest
    @ValueSource(strings = {"redis", "jetstream", "mqtt", "rabbitmq"})
    void aMessageNotAcknowledgedWhenItsSubscriptionStopsComesToTheGroupsNextSubscription(String backend) throws Exception {
        broker = open(backend);
        Recording refusing = new Recording(99, false);
        try (PubSubSubscription s = broker.subscribe("resume", "g", new DeliveryPolicy(50, 100, 100), refusing)) {
            broker.publish("resume", "m".getBytes(StandardCharsets.UTF_8));
            assertEquals("m#1", refusing.attempts().poll(5, TimeUnit.SECONDS));
        } // stops while the message waits for its retry: neither acknowledged nor given up
        Recording accepting = new Recording(0, false);
        try (PubSubSubscription s = broker.subscribe("resume", "g", new DeliveryPolicy(3, 10, 20), accepting)) {
            assertEquals("m#1", accepting.attempts().poll(15, TimeUnit.SECONDS), "the group's next subscription gets it");
            assertNull(accepting.attempts().poll(1000, TimeUnit.MILLISECONDS), "once");
        }
    }

    @Test
    void aRabbitMqGroupKeepsWhatIsPublishedWhileNoneOfItsServersRuns() throws Exception {
        broker = open("rabbitmq");
        LinkedBlockingQueue<String> firstGot = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> againGot = new LinkedBlockingQueue<>();
        PubSubSubscription first = broker.subscribe("kept", "g", m -> firstGot.add(new String(m, StandardCharsets.UTF_8)), executor);
        broker.publish("kept", "one".getBytes(StandardCharsets.UTF_8));
        assertEquals("one", firstGot.poll(5, TimeUnit.SECONDS));
        first.close();
        broker.publish("kept", "two".getBytes(StandardCharsets.UTF_8));
        broker.publish("kept", "three".getBytes(StandardCharsets.UTF_8));
        try (PubSubSubscription again = broker.subscribe("kept", "g", m -> againGot.add(new String(m, StandardCharsets.UTF_8)), executor)) {
            assertEquals("two", againGot.poll(10, TimeUnit.SECONDS), "the group's durable queue kept them, in order");
            assertEquals("three", againGot.poll(10, TimeUnit.SECONDS));
            assertNull(againGot.poll(700, TimeUnit.MILLISECONDS), "once each");
            assertNull(firstGot.poll(10, TimeUnit.MILLISECONDS), "a closed subscription receives nothing more");
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
