// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.ServerId;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisSettings;
import io.capaee.connector.redis.RedisStreamGroup;
import io.capaee.connector.redis.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source {@code redis_streams}: XREADGROUP in a consumer group, own pending entries first (after a
 * restart or a release), then new ones; XACK after the sink took an entry. Payloads are text (the
 * {@code body_key} field); the other fields become headers.
 */
final class RedisStreamSource implements ConnectorSource {
    private static final int BATCH = 100;
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int MAX_BLOCK_MILLIS = 5000;

    private final RedisClient client;
    private final RedisStreamGroup group;
    private final String bodyKey;

    RedisStreamSource(ComponentStep step, String connectorId, ServerId server) {
        client = client(step);
        group = new RedisStreamGroup(client.commands(), step.string("stream", null),
                step.string("consumer_group", "capa-connector-" + connectorId), step.string("client_id", "capa-ee-" + server));
        bodyKey = step.string("body_key", "body");
        try {
            group.create(step.bool("start_from_oldest", true));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The client for the step's {@code url}; a blocking read waits at most {@link #MAX_BLOCK_MILLIS} of its timeout. */
    static RedisClient client(ComponentStep step) {
        return new RedisClient(RedisSettings.fromUrl("url", step.string("url", "redis://127.0.0.1:6379"), TIMEOUT_MILLIS, 8),
                "capa-ee-connector");
    }

    @Override
    public long lag() {
        return group.lag();
    }

    @Override
    public List<Received> poll(Duration wait) {
        List<Received> batch = new ArrayList<>();
        for (StreamEntry entry : group.read(BATCH, (int) Math.max(1, Math.min(wait.toMillis(), MAX_BLOCK_MILLIS)))) {
            Map<String, String> headers = new HashMap<>(entry.fields());
            String body = headers.remove(bodyKey);
            headers.put("redis_stream_id", entry.id());
            byte[] data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            batch.add(new Received(new Envelope(data, headers, null), new Received.Acknowledgement() {
                @Override
                public void ack() {
                    group.ack(entry.id());
                }

                @Override
                public void release() {
                    group.release(); // read the pending list again before new entries
                }
            }));
        }
        return batch;
    }

    @Override
    public void close() {
        client.close();
    }
}
