// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import io.capaee.connector.redis.RedisException;
import io.capaee.connector.redis.RedisStreamGroup;
import io.capaee.connector.redis.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Redis streams, as Dapr's Redis pub/sub uses them: a topic is the stream {@code prefix + topic}
 * (XADD, field {@code data}, base64 so that any bytes pass), a consumer group is a Redis consumer
 * group (created at the stream's end when missing). A handled message is XACKed; a refused one stays
 * pending and is claimed again (XAUTOCLAIM) once it has been idle for {@code redeliverAfterMillis}.
 */
public final class RedisStreamsBroker implements Broker {
    private static final Logger LOG = Logger.getLogger(RedisStreamsBroker.class.getName());
    private static final int BATCH = 10;
    private static final int BLOCK_MILLIS = 500;

    private final RedisClient client;
    private final RedisCommands redis;
    private final String prefix;
    private final long redeliverAfterMillis;

    public RedisStreamsBroker(RedisClient client, String prefix, long redeliverAfterMillis) {
        this.client = client;
        this.redis = client.commands();
        this.prefix = prefix == null ? "" : prefix;
        this.redeliverAfterMillis = redeliverAfterMillis;
    }

    @Override
    public void publish(String topic, byte[] message) {
        try {
            redis.append(prefix + topic, Map.of("data", Base64.getEncoder().encodeToString(message)), 0);
        } catch (RedisException e) {
            throw new PubSubException(e.getMessage() + " (topic " + topic + ")", e);
        }
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        Consumer consumer = new Consumer(new RedisStreamGroup(redis, prefix + topic, group, "capa-" + UUID.randomUUID()), handler);
        consumer.createGroup();
        executor.execute(consumer);
        return consumer;
    }

    /** One subscription: its own consumer in the group, on its own thread of the caller's executor. */
    private final class Consumer implements Runnable, PubSubSubscription {
        private final RedisStreamGroup stream;
        private final MessageHandler handler;
        private volatile boolean closed;

        Consumer(RedisStreamGroup stream, MessageHandler handler) {
            this.stream = stream;
            this.handler = handler;
        }

        /** Creates the group at the stream's end (and the stream) unless it exists. */
        void createGroup() {
            try {
                stream.create(false);
            } catch (RedisException e) {
                throw new PubSubException("cannot create consumer group " + stream.group() + " on " + stream.stream() + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void run() {
            while (!closed && !client.closed()) {
                try {
                    handleAll(stream.claimIdle(redeliverAfterMillis, BATCH));
                    handleAll(stream.readNew(BATCH, BLOCK_MILLIS));
                } catch (RedisException e) {
                    if (closed || client.closed()) {
                        return;
                    }
                    if (e.replied("NOGROUP")) {
                        // the stream or the group was deleted (FLUSHDB, DEL): start again from its new end
                        LOG.log(Level.WARNING, "{0} lost consumer group {1}; creating it again",
                                new Object[] {stream.stream(), stream.group()});
                        tryCreateGroup();
                        continue;
                    }
                    LOG.log(Level.WARNING, "reading {0} for group {1} failed, retrying in 1 s: {2}",
                            new Object[] {stream.stream(), stream.group(), e.getMessage()});
                    sleep(1000);
                }
            }
        }

        private void handleAll(List<StreamEntry> entries) {
            for (StreamEntry entry : entries) {
                if (closed) {
                    return;
                }
                String data = entry.fields().get("data");
                byte[] message = data == null ? new byte[0] : decode(data);
                boolean done;
                try {
                    done = handler.handle(message);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a handler of " + stream.stream() + " failed; the message will be delivered again", e);
                    done = false;
                }
                if (done) {
                    stream.ack(entry.id());
                }
            }
        }

        private void tryCreateGroup() {
            try {
                createGroup();
            } catch (PubSubException e) {
                LOG.log(Level.WARNING, "{0}: {1}; retrying in 1 s", new Object[] {stream.stream(), e.getMessage()});
                sleep(1000);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static byte[] decode(String data) {
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            // written by someone else than us: take the field as text
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
