// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.store;

import io.capaee.connector.redis.RedisSettings;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A pooled, thread-safe Redis client for one store; closed by the resource adapter when it stops.
 * No socket is opened until the first command.
 */
public final class RedisClient implements AutoCloseable {
    private final RedisSettings settings;
    private final JedisPooled jedis;
    private volatile boolean closed;

    public RedisClient(RedisSettings settings) {
        this.settings = settings;
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMillis())
                .socketTimeoutMillis(settings.timeoutMillis())
                .password(settings.password().isEmpty() ? null : settings.password())
                .database(settings.database())
                .clientName("capa-ee")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        // an exhausted pool fails within the timeout instead of blocking the caller for ever
        pool.setMaxWait(Duration.ofMillis(settings.timeoutMillis()));
        this.jedis = new JedisPooled(new HostAndPort(settings.host(), settings.port()), client, pool);
    }

    public JedisPooled jedis() {
        return jedis;
    }

    public RedisSettings settings() {
        return settings;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        jedis.close();
    }

    @Override
    public String toString() {
        return "redis client for " + settings.address();
    }
}
