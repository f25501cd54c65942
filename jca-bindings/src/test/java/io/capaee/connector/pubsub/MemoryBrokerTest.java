// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    private final MemoryBroker broker = new MemoryBroker();

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
}
