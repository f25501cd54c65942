// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.redis;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.connector.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.inbound.RetryingDelivery;
import io.capaee.connector.redis.RedisSettings;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads the group's entries, a batch a turn: first this consumer's pending entries (left
 * unacknowledged by a crash or a stop), then new ones. The entry's {@code data} field is the
 * payload (without one, the payload is the JSON object of all fields); other fields become
 * metadata. {@code XACK} after delivery or after the dead letter was added (with the fields
 * {@code capa-dead-letter-reason}, {@code capa-attempts}, {@code capa-original}); otherwise the
 * entry stays pending and comes again.
 */
final class RedisStreamInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(RedisStreamInboundEndpoint.class.getName());
    private static final int BATCH = 10;

    private final RedisSettings settings;
    private final String stream;
    private final String group;
    private final String consumer;
    private final String deadLetterStream;
    private final String target;
    private final RetryingDelivery delivery;
    private JedisPooled redis; // touched by turns only
    // "0": this consumer's pending entries first; once none are left, ">" for new ones
    private boolean pending = true;

    RedisStreamInboundEndpoint(RedisSettings settings, String stream, String group, String consumer,
            String deadLetterStream, String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.settings = settings;
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
        this.deadLetterStream = deadLetterStream;
        this.target = target;
        this.delivery = new RetryingDelivery(invoker, policy, this::stopping);
    }

    @Override
    protected void open() {
        pending = true;
        redis = settings.pooled("capa-ee-inbound", (int) TURN_WAIT.toMillis());
        createGroup(redis);
    }

    @Override
    protected long turn() {
        StreamEntryID from = pending ? new StreamEntryID(0, 0) : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY;
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(BATCH);
        if (!pending) {
            params.block((int) TURN_WAIT.toMillis());
        }
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(group, consumer, params, Map.of(stream, from));
        up(); // a failed read throws: the loop reports it and reopens
        List<StreamEntry> entries = read == null || read.isEmpty() ? List.of() : read.get(0).getValue();
        if (pending && entries.isEmpty()) {
            pending = false;
            return AGAIN;
        }
        for (StreamEntry entry : entries) {
            if (entry.getFields() == null) {
                // a pending entry trimmed or deleted from the stream: nothing left to deliver, and
                // left pending it would come back first on every read and block the endpoint
                redis.xack(stream, group, entry.getID());
                continue;
            }
            if (stopping() || !handle(redis, entry)) {
                pending = true; // not acknowledged: read the pending list again before new entries
                break;
            }
        }
        return entries.isEmpty() ? IDLE : AGAIN;
    }

    @Override
    protected void close() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    private void createGroup(JedisPooled redis) {
        try {
            redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
            LOG.log(Level.INFO, "created consumer group {0} on stream {1}", new Object[] {group, stream});
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Delivers one entry; true when it was acknowledged. */
    private boolean handle(JedisPooled redis, StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        Map<String, String> metadata = new HashMap<>();
        fields.forEach((name, value) -> {
            if (!name.equals("data")) {
                metadata.put(name, value);
            }
        });
        metadata.put("stream", stream);
        metadata.put("id", entry.getID().toString());
        byte[] data = fields.containsKey("data") ? fields.get("data").getBytes(StandardCharsets.UTF_8) : json(fields);
        InboundMessage message = new InboundMessage("redis", stream, null, data, metadata, 1, target);
        RetryingDelivery.Outcome outcome = delivery.deliver(message);
        if (outcome.delivered() || (outcome.lastFailure() != null && deadLetter(redis, entry, outcome))) {
            redis.xack(stream, group, entry.getID());
            return true;
        }
        return false;
    }

    private boolean deadLetter(JedisPooled redis, StreamEntry entry, RetryingDelivery.Outcome outcome) {
        Map<String, String> letter = new LinkedHashMap<>(entry.getFields());
        String reason = outcome.reason().replaceAll("[\\r\\n]+", " ");
        letter.put("capa-dead-letter-reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        letter.put("capa-attempts", Integer.toString(outcome.attempts()));
        letter.put("capa-original", stream + "@" + entry.getID());
        try {
            redis.xadd(deadLetterStream, StreamEntryID.NEW_ENTRY, letter);
            LOG.log(Level.WARNING, "{0}: entry {1} sent to dead-letter stream {2} after {3} attempt(s)",
                    new Object[] {describe(), entry.getID(), deadLetterStream, outcome.attempts()});
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, describe() + ": dead letter to " + deadLetterStream + " failed; the entry stays pending", e);
            return false;
        }
    }

    private static byte[] json(Map<String, String> fields) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        fields.forEach(object::add);
        return object.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "redis stream inbound " + stream + " (group " + group + ", consumer " + consumer + ")";
    }
}
