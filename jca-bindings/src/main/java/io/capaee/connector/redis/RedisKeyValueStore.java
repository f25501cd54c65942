// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.api.kv.Fence;
import io.capaee.api.kv.FencedException;
import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.KeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code redis} backend of key/value connections: one {@link RedisClient} shared by every
 * managed connection of one managed connection factory. Closing the store closes its client; in
 * the adapter the client is closed by {@code CapaResourceAdapter.stop()}. Every failure is a
 * {@link KeyValueException} naming {@code host:port}.
 */
public final class RedisKeyValueStore implements KeyValueStore, AutoCloseable {
    private final RedisCommands redis;

    /** On {@code client}, which the caller owns. */
    public RedisKeyValueStore(RedisClient client) {
        this.redis = client.commands(e -> new KeyValueException(e.getMessage(), e));
    }

    /** On a client of its own; no socket is opened until the first command. */
    public RedisKeyValueStore(RedisSettings settings) {
        this(new RedisClient(settings, "capa-ee"));
    }

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
        return redis.delete(key);
    }

    /**
     * GET, compare and SET in one Lua script, so no other client can write in between: ARGV[1] '1' when
     * the key must be absent, else ARGV[2] is the value expected; ARGV[3] the value written. Answers 1 when
     * written, 0 when not; {@code guard} may answer first.
     */
    private static String compareAndSetScript(String guard, String set) {
        return String.join("\n", guard,
                "local current = redis.call('GET', KEYS[1])",
                "if ARGV[1] == '1' then",
                "  if current then return 0 end",
                "elseif current ~= ARGV[2] then return 0 end",
                set,
                "return 1");
    }

    private static final String COMPARE_AND_SET = compareAndSetScript("", "redis.call('SET', KEYS[1], ARGV[3])");

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        List<String> args = List.of(expected == null ? "1" : "0", expected == null ? "" : expected, value);
        return Long.valueOf(1).equals(redis.eval(COMPARE_AND_SET, List.of(key), args));
    }

    /** {@link #COMPARE_AND_SET} with an expiry (PX ARGV[4]). */
    private static final String COMPARE_AND_SET_EXPIRING = compareAndSetScript("", "redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])");

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        List<String> args = List.of(expected == null ? "1" : "0", expected == null ? "" : expected, value,
                String.valueOf(Math.max(1, ttl.toMillis())));
        return Long.valueOf(1).equals(redis.eval(COMPARE_AND_SET_EXPIRING, List.of(key), args));
    }

    private static final String COMPARE_AND_DELETE = String.join("\n",
            "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end",
            "redis.call('DEL', KEYS[1])",
            "return 1");

    @Override
    public boolean compareAndDelete(String key, String expected) {
        return expected != null && Long.valueOf(1).equals(redis.eval(COMPARE_AND_DELETE, List.of(key), List.of(expected)));
    }

    /**
     * {@link #COMPARE_AND_SET} after checking the fence (KEYS[2] holds ARGV[4]; -1 when not), in the same
     * script: Redis runs a script alone, so the fence cannot change in between. Both keys must be on one
     * node (a Redis Cluster needs them in one hash slot).
     */
    private static final String FENCED_COMPARE_AND_SET = compareAndSetScript(
            "if redis.call('GET', KEYS[2]) ~= ARGV[4] then return -1 end", "redis.call('SET', KEYS[1], ARGV[3])");

    @Override
    public boolean compareAndSet(String key, String expected, String value, Fence fence) {
        List<String> args = List.of(expected == null ? "1" : "0", expected == null ? "" : expected, value, fence.value());
        Object answer = redis.eval(FENCED_COMPARE_AND_SET, List.of(key, fence.key()), args);
        if (Long.valueOf(-1).equals(answer)) {
            throw new FencedException(fence);
        }
        return Long.valueOf(1).equals(answer);
    }

    /** Uses SCAN, not KEYS, so that a large keyspace does not block Redis. */
    @Override
    public List<String> keys(String pattern) {
        Set<String> found = new LinkedHashSet<>(); // SCAN may return a key twice
        redis.scan(pattern, null, found::addAll);
        return new ArrayList<>(found);
    }

    @Override
    public String describe() {
        return redis.client().settings().describe();
    }

    /** Closes the client and its sockets; later calls throw KeyValueException. Idempotent. */
    @Override
    public void close() {
        redis.client().close();
    }

    /** True once the client was closed. */
    public boolean closed() {
        return redis.client().closed();
    }

    @Override
    public String toString() {
        return "redis key/value store at " + redis.client().settings().address();
    }
}
