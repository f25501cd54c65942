// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubSubscription;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded broker: one queue per (topic, consumer group) in this server's memory, lost on
 * restart. A message published before a group subscribed is not kept for it. A message its
 * handler refuses goes to the back of the queue.
 */
public final class MemoryBroker implements Broker {
    private static final Logger LOG = Logger.getLogger(MemoryBroker.class.getName());

    private final Map<String, Map<String, BlockingQueue<byte[]>>> topics = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, byte[] message) {
        for (BlockingQueue<byte[]> queue : groups(topic).values()) {
            queue.add(message);
        }
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        BlockingQueue<byte[]> queue = groups(topic).computeIfAbsent(group, g -> new LinkedBlockingQueue<>());
        Loop loop = new Loop(topic, queue, handler);
        executor.execute(loop);
        return loop;
    }

    private Map<String, BlockingQueue<byte[]>> groups(String topic) {
        return topics.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
    }

    private static final class Loop implements Runnable, PubSubSubscription {
        private final String topic;
        private final BlockingQueue<byte[]> queue;
        private final MessageHandler handler;
        private volatile boolean closed;

        Loop(String topic, BlockingQueue<byte[]> queue, MessageHandler handler) {
            this.topic = topic;
            this.queue = queue;
            this.handler = handler;
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    byte[] message = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (message != null && !handled(message)) {
                        queue.add(message);
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
            closed = true;
        }
    }
}
