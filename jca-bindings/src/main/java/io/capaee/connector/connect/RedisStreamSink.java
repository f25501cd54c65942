// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sink {@code redis_streams}: XADD of the payload (as text, under {@code body_key}) and each header as a field. */
final class RedisStreamSink implements ConnectorSink {
    private final RedisClient client;
    private final RedisCommands redis;
    private final String stream;
    private final String bodyKey;
    private final int maxLength;

    RedisStreamSink(ComponentStep step) {
        client = RedisStreamSource.client(step);
        redis = client.commands();
        stream = step.string("stream", null);
        bodyKey = step.string("body_key", "body");
        maxLength = step.integer("max_length", 0);
    }

    @Override
    public void send(Envelope message) {
        Map<String, String> fields = new LinkedHashMap<>(message.headers());
        fields.put(bodyKey, new String(message.data(), StandardCharsets.UTF_8));
        redis.append(stream, fields, maxLength);
    }

    @Override
    public void close() {
        client.close();
    }
}
