// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The key/value store of the tests: the real Redis on 127.0.0.1:6379. Each instance owns a
 * unique key prefix and deletes every key under it when closed, so tests never see each other.
 */
public final class JedisKeyValue implements KeyValueConnectionFactory, AutoCloseable {
    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    private final String prefix = "capa-test:" + UUID.randomUUID() + ":";
    private final AtomicInteger closedConnections = new AtomicInteger();

    /** The prefix every key of this test should start with. */
    public String prefix() {
        return prefix;
    }

    /** Direct access for arranging and checking data. */
    public JedisPooled redis() {
        return redis;
    }

    public int closedConnections() {
        return closedConnections.get();
    }

    @Override
    public KeyValueConnection getConnection() {
        return new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                return call(() -> Optional.ofNullable(redis.get(key)));
            }

            @Override
            public void set(String key, String value) {
                call(() -> redis.set(key, value));
            }

            @Override
            public List<String> keys(String pattern) {
                return call(() -> new ArrayList<>(redis.keys(pattern)));
            }

            @Override
            public boolean delete(String key) {
                return call(() -> redis.del(key) > 0);
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                throw new UnsupportedOperationException("the host functions never compare-and-set");
            }

            @Override
            public void close() {
                closedConnections.incrementAndGet();
            }
        };
    }

    private static <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new KeyValueException("redis: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            for (String key : redis.keys(prefix + "*")) {
                redis.del(key);
            }
        } finally {
            redis.close();
        }
    }
}
