// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.XAddParams;

/** Sink {@code redis_streams}: XADD of the payload (as text, under {@code body_key}) and each header as a field. */
final class RedisStreamSink implements ConnectorSink {
    private final JedisPooled redis;
    private final String stream;
    private final String bodyKey;
    private final int maxLength;

    RedisStreamSink(ComponentStep step) {
        redis = new JedisPooled(URI.create(step.string("url", "redis://127.0.0.1:6379")), 10_000);
        stream = step.string("stream", null);
        bodyKey = step.string("body_key", "body");
        maxLength = step.integer("max_length", 0);
    }

    @Override
    public void send(Envelope message) {
        Map<String, String> fields = new LinkedHashMap<>(message.headers());
        fields.put(bodyKey, new String(message.data(), StandardCharsets.UTF_8));
        XAddParams params = XAddParams.xAddParams();
        if (maxLength > 0) {
            params.maxLen(maxLength).approximateTrimming();
        }
        redis.xadd(stream, params, fields);
    }

    @Override
    public void close() {
        redis.close();
    }
}
