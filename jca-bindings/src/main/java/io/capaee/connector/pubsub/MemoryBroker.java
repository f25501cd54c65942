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
import java.util.concurrent.CountDownLatch;
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
            loop.abandon(); // never started: it must not keep its group's queue
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

    /**
     * A message that a subscription took and did not handle: back to its group's queue while the
     * group has readers, else gone with the group (whose {@link #leave} drained the queue, or will:
     * both run inside {@code topics.compute}, so a message is never put into a queue already dropped).
     */
    private void giveBack(String topic, String group, Group joined, byte[] message) {
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

    private final class Loop implements Runnable, PubSubSubscription {
        /** Longest wait of {@link #close} for the loop: a poll, and a handler that is not slow. */
        private static final long CLOSE_WAIT_MILLIS = 2_000;

        private final String topic;
        private final String group;
        private final Group joined;
        private final BlockingQueue<byte[]> queue;
        private final MessageHandler handler;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile Thread runner;

        Loop(String topic, String group, Group joined, MessageHandler handler) {
            this.topic = topic;
            this.group = group;
            this.joined = joined;
            this.queue = joined.queue;
            this.handler = handler;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            try {
                while (!closed.get()) {
                    byte[] message = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                    if (closed.get()) { // closed while it waited: the message is the group's, not this subscription's
                        giveBack(topic, group, joined, message);
                        return;
                    }
                    if (handled(message)) {
                        taken(message);
                    } else {
                        giveBack(topic, group, joined, message);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
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

        /**
         * Stops the loop and waits (at most {@value #CLOSE_WAIT_MILLIS} ms, not from its own
         * handler) until it has let go of the message it holds, so that a closed subscription has
         * freed its share of the quota when this returns.
         */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                leave(topic, group, joined);
                if (Thread.currentThread() != runner) {
                    try {
                        stopped.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** Closes a loop that never started. */
        void abandon() {
            stopped.countDown();
            close();
        }
    }
}
