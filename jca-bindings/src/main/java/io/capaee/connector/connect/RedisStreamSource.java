// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Source {@code redis_streams}: XREADGROUP in a consumer group, own pending entries first (after a
 * restart or a release), then new ones; XACK after the sink took an entry. Payloads are text (the
 * {@code body_key} field); the other fields become headers.
 */
final class RedisStreamSource implements ConnectorSource {
    private static final int BATCH = 100;

    private final JedisPooled redis;
    private final String stream;
    private final String group;
    private final String consumer;
    private final String bodyKey;
    private boolean pending = true; // only touched by the work's thread

    RedisStreamSource(ComponentStep step, String connectorId) {
        redis = new JedisPooled(URI.create(step.string("url", "redis://127.0.0.1:6379")), 10_000);
        stream = step.string("stream", null);
        group = step.string("consumer_group", "capa-connector-" + connectorId);
        consumer = step.string("client_id", "capa-ee");
        bodyKey = step.string("body_key", "body");
        try {
            redis.xgroupCreate(stream, group, step.bool("start_from_oldest", true) ? new StreamEntryID(0, 0)
                    : StreamEntryID.LAST_ENTRY, true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                redis.close();
                throw e;
            }
        }
    }

    @Override
    public List<Received> poll(Duration wait) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(BATCH);
        StreamEntryID from = pending ? new StreamEntryID(0, 0) : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY;
        if (!pending) {
            params.block((int) Math.max(1, Math.min(wait.toMillis(), 5000)));
        }
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(group, consumer, params, Map.of(stream, from));
        List<StreamEntry> entries = read == null || read.isEmpty() ? List.of() : read.get(0).getValue();
        if (pending && entries.isEmpty()) {
            pending = false;
        }
        List<Received> batch = new ArrayList<>();
        for (StreamEntry entry : entries) {
            if (entry.getFields() == null) {
                // a pending entry trimmed or deleted from the stream: nothing left to deliver, and
                // left pending it would come back first on every read and block the connector
                redis.xack(stream, group, entry.getID());
                continue;
            }
            Map<String, String> headers = new HashMap<>(entry.getFields());
            String body = headers.remove(bodyKey);
            headers.put("redis_stream_id", entry.getID().toString());
            byte[] data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            batch.add(new Received(new Envelope(data, headers, null), new Received.Acknowledgement() {
                @Override
                public void ack() {
                    redis.xack(stream, group, entry.getID());
                }

                @Override
                public void release() {
                    pending = true; // read the pending list again before new entries
                }
            }));
        }
        return batch;
    }

    @Override
    public void close() {
        redis.close();
    }
}
