// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubFullException;
import io.capaee.api.pubsub.PubSubSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(MemoryBroker.class.getName());

    /** A group's queue and how many open subscriptions read it; changed only inside {@code topics.compute}. */
    private static final class Group {
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
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
    public void publish(String topic, byte[] message) {
        Map<String, Group> groups = topics.get(topic); // no subscriber, no entry: nothing is kept
        if (groups == null) {
            return;
        }
        synchronized (this) {
            List<Group> targets = List.copyOf(groups.values());
            long count = targets.size();
            long bytes = count * message.length;
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
    private synchronized void taken(byte[] message) {
        queued--;
        queuedBytes -= message.length;
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        Group[] joined = new Group[1];
        topics.compute(topic, (t, groups) -> {
            Map<String, Group> g = groups == null ? new ConcurrentHashMap<>() : groups;
            joined[0] = g.computeIfAbsent(group, k -> new Group());
            joined[0].subscribers++;
            return g;
        });
        Loop loop = new Loop(topic, group, joined[0], handler);
        try {
            executor.execute(loop);
        } catch (RuntimeException e) {
            loop.close(); // never started: it must not keep its group's queue
            throw e;
        }
        return loop;
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
            List<byte[]> dropped = new ArrayList<>();
            left.queue.drainTo(dropped);
            dropped.forEach(MemoryBroker.this::taken);
        }
    }

    private final class Loop implements Runnable, PubSubSubscription {
        private final String topic;
        private final String group;
        private final Group joined;
        private final BlockingQueue<byte[]> queue;
        private final MessageHandler handler;
        private final AtomicBoolean closed = new AtomicBoolean();

        Loop(String topic, String group, Group joined, MessageHandler handler) {
            this.topic = topic;
            this.group = group;
            this.joined = joined;
            this.queue = joined.queue;
            this.handler = handler;
        }

        @Override
        public void run() {
            try {
                while (!closed.get()) {
                    byte[] message = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                    if (handled(message) || closed.get()) {
                        taken(message);
                    } else {
                        queue.add(message); // still counted: it never left the quota
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean handled(byte[] message) {
            try {
                return handler.handle(message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a handler of topic " + topic + " failed; the message will be delivered again", e);
                return false;
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                leave(topic, group, joined);
            }
        }
    }
}
