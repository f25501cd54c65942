// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubException;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import io.capaee.connector.redis.RedisException;
import io.capaee.connector.redis.RedisStreamGroup;
import io.capaee.connector.redis.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Redis streams, as Dapr's Redis pub/sub uses them: a topic is the stream {@code prefix + topic}
 * (XADD, field {@code data}, base64 so that any bytes pass), a consumer group is a Redis consumer
 * group (created at the stream's end when missing). A handled message is XACKed; a refused one stays
 * pending and is claimed again (XAUTOCLAIM) once it has been idle for {@code redeliverAfterMillis}.
 */
public final class RedisStreamsBroker implements Broker {
    /** The entry field of the message itself; its other fields are its headers. */
    private static final String DATA = "data";
    private static final Logger LOG = Logger.getLogger(RedisStreamsBroker.class.getName());
    private static final int BATCH = 10;
    private static final long CLAIM_EVERY_MILLIS = 500;

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
    public void publish(String topic, byte[] message, Map<String, String> headers) {
        // the headers are fields of the entry beside "data" (which no header replaces)
        Map<String, String> fields = new HashMap<>(headers);
        fields.put(DATA, Base64.getEncoder().encodeToString(message));
        try {
            redis.append(prefix + topic, fields, 0);
        } catch (RedisException e) {
            throw new PubSubException(e.getMessage() + " (topic " + topic + ")", e);
        }
    }

    @Override
    public boolean stopped() {
        return client.closed();
    }

    @Override
    public BrokerSource open(String topic, String group) {
        Source source = new Source(new RedisStreamGroup(redis, prefix + topic, group, "capa-" + UUID.randomUUID()));
        source.createGroup();
        return source;
    }

    /** One subscription: its own consumer in the group. */
    private final class Source implements BrokerSource {
        private final RedisStreamGroup stream;
        private long nextClaim; // System.nanoTime() of the next XAUTOCLAIM

        Source(RedisStreamGroup stream) {
            this.stream = stream;
            this.nextClaim = System.nanoTime();
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
        public long lag() {
            return stream.lag();
        }

        /** Refused messages first (claimed once idle, asked at most every {@value #CLAIM_EVERY_MILLIS} ms), then new ones. */
        @Override
        public List<BrokerMessage> take(Duration wait) {
            if (client.closed()) {
                throw new PubSubException("the Redis client of " + stream.stream() + " is closed");
            }
            List<StreamEntry> entries = new ArrayList<>();
            try {
                if (System.nanoTime() - nextClaim >= 0) {
                    entries.addAll(stream.claimIdle(redeliverAfterMillis, BATCH));
                    nextClaim = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLAIM_EVERY_MILLIS);
                }
                if (entries.isEmpty()) {
                    entries.addAll(stream.readNew(BATCH, (int) Math.max(1, wait.toMillis())));
                }
            } catch (RedisException e) {
                if (!e.replied("NOGROUP")) {
                    throw e;
                }
                // the stream or the group was deleted (FLUSHDB, DEL): start again from its new end
                LOG.log(Level.WARNING, "{0} lost consumer group {1}; creating it again", new Object[] {stream.stream(), stream.group()});
                createGroup();
                return List.of();
            }
            List<BrokerMessage> messages = new ArrayList<>(entries.size());
            for (StreamEntry entry : entries) {
                String data = entry.fields().get(DATA);
                Map<String, String> headers = new HashMap<>(entry.fields());
                headers.remove(DATA);
                // a refused entry stays pending: claimed again once idle for redeliverAfterMillis
                messages.add(BrokerMessage.of(data == null ? new byte[0] : decode(data), () -> stream.ack(entry.id()),
                        BrokerMessage.NOTHING).withHeaders(headers));
            }
            return messages;
        }

        @Override
        public void close() {
            // the consumer's pending entries stay with the group: another consumer claims them once idle
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
}
