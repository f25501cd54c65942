// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.connector.InvalidConfigException;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Where and how to reach Redis. The compact constructor rejects values that cannot work and
 * names the config property. {@code password} may be empty (no AUTH); it is never printed.
 */
public record RedisSettings(
        String host, int port, String password, int database, int timeoutMillis, int poolSize) {

    public RedisSettings {
        Objects.requireNonNull(password, "password");
        if (host == null || host.isBlank()) {
            throw new InvalidConfigException("host", "must name the Redis host, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidConfigException("port", port + " is not a TCP port (1-65535)");
        }
        if (database < 0) {
            throw new InvalidConfigException("database", database + " is not a Redis database index (0 or more)");
        }
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
        if (poolSize < 1) {
            throw new InvalidConfigException("poolSize", poolSize + " must be at least 1");
        }
    }

    /**
     * A pooled jedis client for these settings: connect and socket timeouts of
     * {@code timeoutMillis} (plus {@code extraSocketMillis}, for blocking reads), a pool of
     * {@code poolSize} sockets that fails within the timeout when exhausted.
     */
    public JedisPooled pooled(String clientName, int extraSocketMillis) {
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis + extraSocketMillis)
                .password(password.isEmpty() ? null : password)
                .database(database)
                .clientName(clientName)
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofMillis(timeoutMillis));
        return new JedisPooled(new HostAndPort(host, port), client, pool);
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + "/" + database + ", timeoutMillis=" + timeoutMillis
                + ", poolSize=" + poolSize + ", password=" + (password.isEmpty() ? "none" : "***") + "]";
    }
}
