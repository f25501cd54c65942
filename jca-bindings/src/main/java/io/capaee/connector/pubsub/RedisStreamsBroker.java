// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.store.RedisClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

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

    private final RedisClient redis;
    private final String prefix;
    private final long redeliverAfterMillis;

    public RedisStreamsBroker(RedisClient redis, String prefix, long redeliverAfterMillis) {
        this.redis = redis;
        this.prefix = prefix == null ? "" : prefix;
        this.redeliverAfterMillis = redeliverAfterMillis;
    }

    @Override
    public void publish(String topic, byte[] message) {
        try {
            redis.jedis().xadd(prefix + topic, StreamEntryID.NEW_ENTRY, Map.of("data", Base64.getEncoder().encodeToString(message)));
        } catch (JedisException | IllegalStateException e) {
            throw new PubSubException("redis at " + redis.settings().address() + " failed XADD to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        String stream = prefix + topic;
        createGroup(stream, group);
        Consumer consumer = new Consumer(stream, group, handler);
        executor.execute(consumer);
        return consumer;
    }

    /** Creates the group at the stream's end (and the stream) unless it exists. */
    private void createGroup(String stream, String group) {
        try {
            redis.jedis().xgroupCreate(stream, group, StreamEntryID.LAST_ENTRY, true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw new PubSubException("cannot create consumer group " + group + " on " + stream + ": " + e.getMessage(), e);
            }
        } catch (JedisException | IllegalStateException e) {
            throw new PubSubException("redis at " + redis.settings().address() + " failed XGROUP CREATE: " + e.getMessage(), e);
        }
    }

    private final class Consumer implements Runnable, PubSubSubscription {
        private final String stream;
        private final String group;
        private final String name = "capa-" + UUID.randomUUID();
        private final MessageHandler handler;
        private volatile boolean closed;

        Consumer(String stream, String group, MessageHandler handler) {
            this.stream = stream;
            this.group = group;
            this.handler = handler;
        }

        @Override
        public void run() {
            while (!closed && !redis.closed()) {
                try {
                    var claimed = redis.jedis().xautoclaim(stream, group, name, redeliverAfterMillis, new StreamEntryID(),
                            new XAutoClaimParams().count(BATCH));
                    handleAll(claimed.getValue());
                    List<Map.Entry<String, List<StreamEntry>>> fresh = redis.jedis().xreadGroup(group, name,
                            XReadGroupParams.xReadGroupParams().count(BATCH).block(BLOCK_MILLIS),
                            Map.of(stream, StreamEntryID.UNRECEIVED_ENTRY));
                    if (fresh != null) {
                        for (var entries : fresh) {
                            handleAll(entries.getValue());
                        }
                    }
                } catch (JedisException | IllegalStateException e) {
                    if (closed || redis.closed()) {
                        return;
                    }
                    if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                        // the stream or the group was deleted (FLUSHDB, DEL): start again from its new end
                        LOG.log(Level.WARNING, "{0} lost consumer group {1}; creating it again", new Object[] {stream, group});
                        tryCreateGroup();
                        continue;
                    }
                    LOG.log(Level.WARNING, "reading {0} for group {1} failed, retrying in 1 s: {2}",
                            new Object[] {stream, group, e.getMessage()});
                    sleep(1000);
                }
            }
        }

        private void handleAll(List<StreamEntry> entries) {
            for (StreamEntry entry : entries) {
                if (closed) {
                    return;
                }
                String data = entry.getFields().get("data");
                byte[] message = data == null ? new byte[0] : decode(data);
                boolean done;
                try {
                    done = handler.handle(message);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a handler of " + stream + " failed; the message will be delivered again", e);
                    done = false;
                }
                if (done) {
                    redis.jedis().xack(stream, group, entry.getID());
                }
            }
        }

        private void tryCreateGroup() {
            try {
                createGroup(stream, group);
            } catch (PubSubException e) {
                LOG.log(Level.WARNING, "{0}: {1}; retrying in 1 s", new Object[] {stream, e.getMessage()});
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
