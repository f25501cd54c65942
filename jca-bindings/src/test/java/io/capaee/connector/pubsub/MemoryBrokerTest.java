// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.pubsub.PubSubFullException;
import io.capaee.api.pubsub.PubSubSubscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
        // one queue per subscription: what the closed one still takes would show in its own
        LinkedBlockingQueue<String> firstGot = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> secondGot = new LinkedBlockingQueue<>();
        PubSubSubscription first = broker.subscribe("t", "g", m -> firstGot.add(new String(m, StandardCharsets.UTF_8)), executor);
        PubSubSubscription second = broker.subscribe("t", "g", m -> secondGot.add(new String(m, StandardCharsets.UTF_8)), executor);
        first.close();
        first.close(); // twice is once
        List<String> published = List.of("still read 1", "still read 2", "still read 3", "still read 4", "still read 5");
        for (String m : published) {
            broker.publish("t", m.getBytes(StandardCharsets.UTF_8));
        }
        List<String> read = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            read.add(secondGot.poll(5, TimeUnit.SECONDS));
        }
        read.sort(Comparator.nullsLast(Comparator.naturalOrder())); // a message handed back goes to the back of the queue
        assertEquals(published, read, "the group's other subscription still reads its queue, all of it");
        assertEquals(List.of(), List.copyOf(firstGot), "a closed subscription receives nothing more");
        assertEquals(Set.of("t"), broker.topicNames());
        second.close();
        assertEquals(Set.of(), broker.topicNames());
        broker.publish("t", "dropped".getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(), broker.topicNames());

        LinkedBlockingQueue<String> againGot = new LinkedBlockingQueue<>();
        PubSubSubscription again = broker.subscribe("t", "g", m -> againGot.add(new String(m, StandardCharsets.UTF_8)), executor);
        broker.publish("t", "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", againGot.poll(5, TimeUnit.SECONDS), "nothing published while no one read is delivered later");
        again.close();
        assertEquals(List.of(), List.copyOf(firstGot), "a closed subscription receives nothing more");
        assertEquals(List.of(), List.copyOf(secondGot), "a closed subscription receives nothing more");
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
