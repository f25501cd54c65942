// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.capaee.connector.rabbitmq.RabbitMqSubscription.Arrived;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher and the reading side against the machine's RabbitMQ (queues unique to the test,
 * deleted after): confirmed publishes, a message no queue takes refused, headers kept, and what a
 * subscription did not acknowledge back in its queue, in order, for the next one.
 */
class RabbitMqClientsTest {
    private static final RabbitMqSettings LOCAL = new RabbitMqSettings(RabbitMqSettings.URL, "", "", 5000);
    private final String queue = "capatest.clients." + UUID.randomUUID();

    @AfterEach
    void deleteQueues() throws Exception {
        try (Connection connection = new ConnectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.queueDelete(queue + ".dlq");
        }
    }

    private static String text(Arrived message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aMandatoryMessageNoQueueTakesIsRefusedNotDropped() throws Exception {
        try (RabbitMqPublisher publisher = RabbitMqPublisher.open(LOCAL, "capa-test")) {
            RabbitMqPublisher.UnroutableException e = assertThrows(RabbitMqPublisher.UnroutableException.class,
                    () -> publisher.publish("", queue, RabbitMqClients.properties(Map.of(), null, true), new byte[] {1}, true));
            assertTrue(e.getMessage().contains(queue), e.getMessage());
            // the publisher is still usable afterwards
            publisher.publish("", queue, RabbitMqClients.properties(Map.of(), null, true), new byte[] {1}, false);
        }
    }

    @Test
    void whatWasNotAcknowledgedGoesBackToTheQueueInOrderForTheNextSubscription() throws Exception {
        try (RabbitMqPublisher publisher = RabbitMqPublisher.open(LOCAL, "capa-test")) {
            RabbitMqSubscription first = RabbitMqSubscription.open(LOCAL, "capa-test-1", RabbitMqSubscription.Queue.declared(queue), 10);
            for (int i = 0; i < 3; i++) {
                publisher.publish("", queue, RabbitMqClients.properties(Map.of("n", Integer.toString(i)), "text/plain", true),
                        ("m" + i).getBytes(StandardCharsets.UTF_8), true);
            }
            List<Arrived> taken = takeAll(first, 3);
            assertEquals(List.of("m0", "m1", "m2"), taken.stream().map(RabbitMqClientsTest::text).toList());
            assertEquals("1", RabbitMqClients.headers(taken.get(1).properties()).get("n"), "headers arrive as text");
            assertEquals("text/plain", taken.get(1).properties().getContentType());
            first.acknowledge(taken.get(0));
            first.close(); // m1 and m2 not acknowledged
            try (RabbitMqSubscription second = RabbitMqSubscription.open(LOCAL, "capa-test-2", RabbitMqSubscription.Queue.declared(queue), 10)) {
                List<Arrived> again = takeAll(second, 2);
                assertEquals(List.of("m1", "m2"), again.stream().map(RabbitMqClientsTest::text).toList());
                assertTrue(again.get(0).envelope().isRedeliver());
                again.forEach(m -> {
                    try {
                        second.acknowledge(m);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertTrue(second.take(Duration.ofMillis(300), 10).isEmpty(), "acknowledged once, gone");
            }
        }
    }

    @Test
    void aDeadLetterIsConfirmedOnItsOwnDurableQueue() throws Exception {
        try (RabbitMqSubscription subscription = RabbitMqSubscription.open(LOCAL, "capa-test", RabbitMqSubscription.Queue.declared(queue), 1)) {
            subscription.publishToQueue(queue + ".dlq", RabbitMqClients.properties(Map.of("capa-attempts", "3"), null, true),
                    "dead".getBytes(StandardCharsets.UTF_8), 5000);
        }
        try (Connection connection = new ConnectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            var letter = channel.basicGet(queue + ".dlq", true);
            assertEquals("dead", new String(letter.getBody(), StandardCharsets.UTF_8));
            assertEquals(2, letter.getProps().getDeliveryMode(), "persistent");
            assertEquals("3", letter.getProps().getHeaders().get("capa-attempts").toString());
        }
    }

    @Test
    void aDeletedQueueEndsTheSubscriptionWithAClearError() throws Exception {
        try (RabbitMqSubscription subscription = RabbitMqSubscription.open(LOCAL, "capa-test", RabbitMqSubscription.Queue.declared(queue), 1)) {
            try (Connection connection = new ConnectionFactory().newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDelete(queue);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 50; i++) {
                    subscription.take(Duration.ofMillis(100), 1);
                }
            });
            assertTrue(e.getMessage().contains(queue), e.getMessage());
        }
    }

    private static List<Arrived> takeAll(RabbitMqSubscription subscription, int count) throws InterruptedException {
        List<Arrived> taken = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (taken.size() < count && System.nanoTime() < deadline) {
            taken.addAll(subscription.take(Duration.ofMillis(200), count - taken.size()));
        }
        return taken;
    }
}
