// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * The real Redis on 127.0.0.1:6379 with an atomic compare-and-set (a Lua script, as the resource
 * adapter's Redis store does it); keys under a unique prefix, deleted on close.
 */
final class RedisKeyValue implements KeyValueConnectionFactory, AutoCloseable {
    private static final String CAS = "local v = redis.call('GET', KEYS[1]) "
            + "if (ARGV[1] == '' and v == false) or v == ARGV[2] then redis.call('SET', KEYS[1], ARGV[3]) return 1 end return 0";
    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    final String prefix = "capa-test:" + UUID.randomUUID() + ":";

    @Override
    public KeyValueConnection getConnection() {
        return new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(redis.get(key));
            }

            @Override
            public void set(String key, String value) {
                redis.set(key, value);
            }

            @Override
            public boolean delete(String key) {
                return redis.del(key) > 0;
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                Object done = redis.eval(CAS, List.of(key), List.of(expected == null ? "" : "x", expected == null ? "" : expected, value));
                return Long.valueOf(1).equals(done);
            }

            @Override
            public List<String> keys(String pattern) {
                return new ArrayList<>(redis.keys(pattern));
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {
        redis.keys(prefix + "*").forEach(redis::del);
        redis.close();
    }
}
