// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubFullException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded broker: one queue per (topic, consumer group) in this server's memory, lost on
 * restart. A message published before a group subscribed is not kept for it. A message its
 * handler refuses goes to the back of the queue. Subscriptions of one group share its queue; when
 * the last of them closes, the queue goes (with what it still held), and so does a topic left with
 * no group, so nothing fills up without a reader. Queued messages (counted once per group, and
 * until handled) are bounded by {@code maxMessages} and {@code maxBytes}: a publish beyond either is
 * refused with {@link PubSubFullException} and queued for no group.
 */
public final class MemoryBroker implements Broker {
    /** A message as published, with its headers. */
    private record Queued(byte[] data, Map<String, String> headers) {}

    /** A group's queue and how many open subscriptions read it; changed only inside {@code topics.compute}. */
    private static final class Group {
        final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
        int subscribers;
    }

    private final Map<String, Map<String, Group>> topics = new ConcurrentHashMap<>();
    private final long maxMessages;
    private final long maxBytes;
    private long queued; // guarded by this; messages in every queue, and being handled
    private long queuedBytes; // guarded by this

    public MemoryBroker(long maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Topics with an open subscription, for tests. */
    Set<String> topicNames() {
        return Set.copyOf(topics.keySet());
    }

    @Override
    public void publish(String topic, byte[] data, Map<String, String> headers) {
        Queued message = new Queued(data, Map.copyOf(headers));
        Map<String, Group> groups = topics.get(topic); // no subscriber, no entry: nothing is kept
        if (groups == null) {
            return;
        }
        synchronized (this) {
            List<Group> targets = List.copyOf(groups.values());
            long count = targets.size();
            long bytes = count * data.length;
            if (queued + count > maxMessages || queuedBytes + bytes > maxBytes) {
                throw new PubSubFullException("the memory broker is full: at most " + maxMessages
                        + " queued messages (capa.pubsub.memory.max-messages) and " + maxBytes
                        + " bytes (capa.pubsub.memory.max-bytes); the message was not published");
            }
            for (Group g : targets) {
                g.queue.add(message);
            }
            queued += count;
            queuedBytes += bytes;
        }
    }

    /** A message left its queue for good (handled, or dropped with its group). */
    private synchronized void taken(Queued message) {
        queued--;
        queuedBytes -= message.data().length;
    }

    @Override
    public BrokerSource open(String topic, String group) {
        Group[] joined = new Group[1];
        topics.compute(topic, (t, groups) -> {
            Map<String, Group> g = groups == null ? new ConcurrentHashMap<>() : groups;
            joined[0] = g.computeIfAbsent(group, k -> new Group());
            joined[0].subscribers++;
            return g;
        });
        return new Source(topic, group, joined[0]);
    }

    private void leave(String topic, String group, Group left) {
        boolean[] gone = new boolean[1];
        topics.computeIfPresent(topic, (t, groups) -> {
            if (--left.subscribers == 0) {
                gone[0] = groups.remove(group, left);
            }
            return groups.isEmpty() ? null : groups;
        });
        if (gone[0]) {
            List<Queued> dropped = new ArrayList<>();
            left.queue.drainTo(dropped);
            dropped.forEach(MemoryBroker.this::taken);
        }
    }

    /**
     * A message that a subscription took and did not handle: back to its group's queue while the
     * group has readers, else gone with the group (whose {@link #leave} drained the queue, or will:
     * both run inside {@code topics.compute}, so a message is never put into a queue already dropped).
     */
    private void giveBack(String topic, String group, Group joined, Queued message) {
        boolean[] kept = new boolean[1];
        topics.computeIfPresent(topic, (t, groups) -> {
            if (groups.get(group) == joined) {
                joined.queue.add(message); // still counted: it never left the quota
                kept[0] = true;
            }
            return groups;
        });
        if (!kept[0]) {
            taken(message);
        }
    }

    /** One subscription's share of its group's queue; while it is open, the group keeps its queue. */
    private final class Source implements BrokerSource {
        private static final int BATCH = 32;

        private final String topic;
        private final String group;
        private final Group joined;
        private final AtomicBoolean closed = new AtomicBoolean();

        Source(String topic, String group, Group joined) {
            this.topic = topic;
            this.group = group;
            this.joined = joined;
        }

        @Override
        public List<BrokerMessage> take(Duration wait) throws InterruptedException {
            Queued first = joined.queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<Queued> taken = new ArrayList<>();
            taken.add(first);
            joined.queue.drainTo(taken, BATCH - 1);
            List<BrokerMessage> messages = new ArrayList<>(taken.size());
            for (Queued message : taken) {
                messages.add(BrokerMessage.of(message.data(), () -> taken(message), () -> giveBack(topic, group, joined, message))
                        .withHeaders(message.headers()));
            }
            return messages;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                leave(topic, group, joined);
            }
        }
    }
}
