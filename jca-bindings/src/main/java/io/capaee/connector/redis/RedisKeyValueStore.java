// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.KeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The {@code redis} backend: one {@link JedisPooled} (thread-safe, with its own pool of
 * {@code poolSize} sockets) shared by every managed connection of one managed connection factory.
 * Whoever creates it closes it; in the adapter that is {@code CapaResourceAdapter.stop()}.
 * Every jedis failure becomes a {@link KeyValueException} naming {@code host:port}.
 */
public final class RedisKeyValueStore implements KeyValueStore, AutoCloseable {
    private static final int SCAN_COUNT = 500;

    private final RedisSettings settings;
    private final JedisPooled jedis;
    private volatile boolean closed;

    /** Creates the pool; no socket is opened until the first command. */
    public RedisKeyValueStore(RedisSettings settings) {
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
        pool.setTestOnBorrow(false);
        this.jedis = new JedisPooled(new HostAndPort(settings.host(), settings.port()), client, pool);
    }

    @Override
    public Optional<String> get(String key) {
        return call("GET", () -> Optional.ofNullable(jedis.get(key)));
    }

    @Override
    public void set(String key, String value) {
        call("SET", () -> jedis.set(key, value));
    }

    /** Uses SCAN, not KEYS, so that a large keyspace does not block Redis. */
    @Override
    public boolean delete(String key) {
        return call("DEL", () -> jedis.del(key) > 0);
    }

    /** GET, compare and SET in one Lua script, so no other client can write in between. */
    private static final String COMPARE_AND_SET = String.join("\n",
            "local current = redis.call('GET', KEYS[1])",
            "if ARGV[1] == '1' then",
            "  if current then return 0 end",
            "elseif current ~= ARGV[2] then return 0 end",
            "redis.call('SET', KEYS[1], ARGV[3])",
            "return 1");

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        List<String> args = List.of(expected == null ? "1" : "0", expected == null ? "" : expected, value);
        return call("EVAL", () -> Long.valueOf(1).equals(jedis.eval(COMPARE_AND_SET, List.of(key), args)));
    }

    @Override
    public List<String> keys(String pattern) {
        return call("SCAN", () -> {
            Set<String> found = new LinkedHashSet<>(); // SCAN may return a key twice
            ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return new ArrayList<>(found);
        });
    }

    @Override
    public String describe() {
        return "redis " + settings.address() + "/" + settings.database();
    }

    /** Closes the pool and its sockets; later calls throw KeyValueException. Idempotent. */
    @Override
    public void close() {
        closed = true;
        jedis.close();
    }

    /** True once {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    @Override
    public String toString() {
        return "redis key/value store at " + settings.address();
    }

    private <T> T call(String command, Supplier<T> action) {
        if (closed) {
            throw new KeyValueException("redis client for " + settings.address() + " is closed");
        }
        try {
            return action.get();
        } catch (JedisConnectionException e) {
            throw new KeyValueException("cannot reach redis at " + settings.address() + " (" + command + "): "
                    + e.getMessage(), e);
        } catch (JedisException e) {
            throw new KeyValueException("redis at " + settings.address() + " failed " + command + ": "
                    + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // commons-pool throws this once the pool is closed
            throw new KeyValueException("redis client for " + settings.address() + " is closed", e);
        }
    }
}
