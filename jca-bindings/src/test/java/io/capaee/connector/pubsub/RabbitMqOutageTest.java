// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.testing.TcpCut;
import io.capaee.connector.TestBootstrapContext;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A RabbitMQ outage seen by the {@code rabbitmq} pub/sub broker: its connections to the machine's
 * RabbitMQ go through a {@link TcpCut}, cut and restored mid-test. Publishing during the outage
 * fails with a clear error; a message refused before the outage (unacknowledged, in hand) and one
 * published to the group's queue during it both reach the group once the connection is back, and so
 * does one published after.
 */
class RabbitMqOutageTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final ThreadPoolWorkManager workManager = new ThreadPoolWorkManager();
    private final String prefix = "capatest.outage." + UUID.randomUUID() + ".";
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile boolean refusing = true;
    private TcpCut cut;
    private PubSubConnection broker;

    @BeforeEach
    void start() throws Exception {
        cut = new TcpCut(5672);
        adapter.start(new TestBootstrapContext(workManager));
        PubSubManagedConnectionFactory f = new PubSubManagedConnectionFactory();
        f.setBackend("rabbitmq");
        f.setRabbitMqUrl("amqp://127.0.0.1:" + cut.port());
        f.setStreamPrefix(prefix);
        f.setRedeliverAfterMillis(200);
        f.setTimeoutMillis(2000);
        f.setResourceAdapter(adapter);
        broker = ((PubSubConnectionFactory) f.createConnectionFactory()).getConnection();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
        adapter.stop();
        workManager.close();
        cut.close();
        try (Connection connection = new ConnectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(prefix + "g-orders");
            channel.exchangeDelete(prefix + "orders");
        }
    }

    /** Publishes, trying again while the client reconnects after the outage. */
    private void publishSoon(String body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                broker.publish("orders", body.getBytes(StandardCharsets.UTF_8));
                return;
            } catch (PubSubException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitAccepted(String... bodies) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepted.containsAll(List.of(bodies)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(accepted.containsAll(List.of(bodies)), "accepted " + accepted);
    }

    @Test
    void anOutageFailsPublishesClearlyAndLosesNothingOnceTheBrokerIsBack() throws Exception {
        DeliveryHandler handler = new DeliveryHandler() {
            @Override
            public Outcome attempt(byte[] message, int attempt) {
                if (refusing) {
                    return Outcome.RETRY;
                }
                accepted.add(new String(message, StandardCharsets.UTF_8));
                return Outcome.DELIVERED;
            }

            @Override
            public boolean undelivered(byte[] message, Outcome last, int attempts) {
                return false; // stays unacknowledged: the broker keeps it
            }
        };
        try (PubSubSubscription s = broker.subscribe("orders", "g", new DeliveryPolicy(1000, 50, 50), handler)) {
            broker.publish("orders", "held".getBytes(StandardCharsets.UTF_8)); // refused for now: in hand, unacknowledged
            Thread.sleep(500);

            cut.cut();
            PubSubException refused = assertThrows(PubSubException.class,
                    () -> broker.publish("orders", "during".getBytes(StandardCharsets.UTF_8)));
            assertTrue(refused.getMessage().contains("127.0.0.1:" + cut.port()), refused.getMessage());
            // another publisher, not cut off, reaches the group's durable queue meanwhile
            try (Connection direct = new ConnectionFactory().newConnection(); Channel channel = direct.createChannel()) {
                channel.confirmSelect();
                channel.basicPublish(prefix + "orders", "", new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "while-away".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(5000);
            }
            refusing = false;

            cut.restore();
            publishSoon("after");
            awaitAccepted("held", "while-away", "after");
        }
        assertEquals(3, accepted.stream().distinct().count(), "nothing else: " + accepted);
        assertTrue(accepted.indexOf("held") < accepted.indexOf("while-away"), "in queue order: " + accepted);
    }
}
