// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.pubsub.PubSubFullException;
import io.capaee.api.pubsub.PubSubSubscription;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory broker keeps queues only for open subscriptions. */
class MemoryBrokerTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final MemoryBroker broker = new MemoryBroker(1000, 1_000_000);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void publishingToATopicNobodyReadsKeepsNothing() {
        broker.publish("nobody", "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(), broker.topicNames());
    }

    @Test
    void theLastClosedSubscriptionOfAGroupTakesItsQueueAlong() throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        PubSubSubscription first = broker.subscribe("t", "g", m -> got.add(new String(m, StandardCharsets.UTF_8)), executor);
        PubSubSubscription second = broker.subscribe("t", "g", m -> got.add(new String(m, StandardCharsets.UTF_8)), executor);
        first.close();
        first.close(); // twice is once
        broker.publish("t", "still read".getBytes(StandardCharsets.UTF_8));
        assertEquals("still read", got.poll(5, TimeUnit.SECONDS), "the group's other subscription still reads its queue");
        assertEquals(Set.of("t"), broker.topicNames());
        second.close();
        assertEquals(Set.of(), broker.topicNames());
        broker.publish("t", "dropped".getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(), broker.topicNames());

        PubSubSubscription again = broker.subscribe("t", "g", m -> got.add(new String(m, StandardCharsets.UTF_8)), executor);
        broker.publish("t", "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", got.poll(5, TimeUnit.SECONDS), "nothing published while no one read is delivered later");
        again.close();
    }

    @Test
    void aFullBrokerRefusesAPublishUntilQueuedMessagesAreGone() throws Exception {
        MemoryBroker small = new MemoryBroker(3, 1_000_000);
        PubSubSubscription refusing = small.subscribe("t", "g1", m -> false, executor); // keeps every message queued
        PubSubSubscription other = small.subscribe("t", "g2", m -> false, executor);
        small.publish("t", new byte[1]); // queued once per group: 2 of 3
        PubSubFullException full = assertThrows(PubSubFullException.class, () -> small.publish("t", new byte[1]));
        assertTrue(full.getMessage().contains("capa.pubsub.memory.max-messages"), full.getMessage());
        other.close(); // its queue goes, and its share of the quota with it
        small.publish("t", new byte[1]);
        small.publish("t", new byte[1]);
        assertThrows(PubSubFullException.class, () -> small.publish("t", new byte[1]));
        refusing.close();

        LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        small.subscribe("t", "g3", got::add, executor);
        for (int i = 0; i < 10; i++) { // handled messages leave the quota
            small.publish("t", new byte[1]);
            assertTrue(got.poll(5, TimeUnit.SECONDS) != null);
        }
    }

    @Test
    void theByteQuotaCountsEveryGroupsCopy() {
        MemoryBroker small = new MemoryBroker(100, 10);
        small.subscribe("t", "g1", m -> false, executor);
        small.subscribe("t", "g2", m -> false, executor);
        small.publish("t", new byte[5]);
        assertThrows(PubSubFullException.class, () -> small.publish("t", new byte[1]));
    }
}
