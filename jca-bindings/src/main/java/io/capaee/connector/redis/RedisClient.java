// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.connector.outbound.SharedBackendBase;
import java.time.Duration;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * The one way the adapter connects to Redis: a pooled, thread-safe client for one
 * {@link RedisSettings}, with connect and socket timeouts of {@code timeoutMillis} and at most
 * {@code poolSize} sockets, an exhausted pool failing within the timeout instead of blocking the
 * caller for ever. No socket is opened until the first command. Whoever creates it closes it (in
 * the adapter: {@code CapaResourceAdapter.stop()}, or the endpoint that opened it); commands after
 * that fail as {@link RedisException}s saying the client is closed.
 */
public final class RedisClient extends SharedBackendBase {
    private final RedisSettings settings;
    private final String name;
    private final JedisPooled jedis;

    /** A client named {@code name} in Redis's {@code CLIENT LIST}. */
    public RedisClient(RedisSettings settings, String name) {
        this(settings, name, 0);
    }

    /**
     * A client whose socket timeout is {@code extraSocketMillis} longer than the settings' timeout,
     * for commands that block in Redis that long ({@code XREADGROUP ... BLOCK}).
     */
    public RedisClient(RedisSettings settings, String name, int extraSocketMillis) {
        this.settings = settings;
        this.name = name;
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofMillis(settings.timeoutMillis()));
        this.jedis = new JedisPooled(new HostAndPort(settings.host(), settings.port()),
                config(settings.timeoutMillis() + extraSocketMillis, name), pool);
    }

    /** The commands of this client; each failure is a {@link RedisException}. */
    public RedisCommands commands() {
        return new RedisCommands(this, e -> e);
    }

    /** The commands of this client; each failure is the exception {@code errors} makes of the {@link RedisException}. */
    public RedisCommands commands(Function<RedisException, ? extends RuntimeException> errors) {
        return new RedisCommands(this, errors);
    }

    public RedisSettings settings() {
        return settings;
    }

    /** Closes the pool and its sockets (once {@link #close()} was called, {@link #closed()} is true). */
    @Override
    protected void release() {
        jedis.close();
    }

    @Override
    public String toString() {
        return "redis client for " + settings.address();
    }

    JedisPooled jedis() {
        return jedis;
    }

    /** A connection of its own, outside the pool, whose reads wait for ever: a subscriber's, ended by closing it. */
    Jedis dedicatedSocket(String suffix) {
        return new Jedis(new HostAndPort(settings.host(), settings.port()), config(0, name + "-" + suffix));
    }

    private DefaultJedisClientConfig config(int socketTimeoutMillis, String clientName) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMillis())
                .socketTimeoutMillis(socketTimeoutMillis)
                .user(settings.user().isEmpty() ? null : settings.user())
                .password(settings.password().isEmpty() ? null : settings.password())
                .database(settings.database())
                .ssl(settings.tls())
                .clientName(clientName)
                .build();
    }
}
