// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis commands the adapter uses, on one {@link RedisClient}, in the adapter's own types.
 * A command that fails throws what the {@code errors} function of
 * {@link RedisClient#commands(Function)} makes of a {@link RedisException} (the API exception of
 * the caller: state, locks, key/value, ...). Thread-safe, as the client is.
 */
public final class RedisCommands {
    private static final int SCAN_COUNT = 500;

    private final RedisClient client;
    private final Function<RedisException, ? extends RuntimeException> errors;

    RedisCommands(RedisClient client, Function<RedisException, ? extends RuntimeException> errors) {
        this.client = client;
        this.errors = errors;
    }

    public RedisClient client() {
        return client;
    }

    /** GET: the string at {@code key}, or null. */
    public String get(String key) {
        return call("GET", j -> j.get(key));
    }

    /** GET, but null also when {@code key} holds something else than a string. */
    public String getIfString(String key) {
        try {
            return attempt("GET", j -> j.get(key));
        } catch (RedisException e) {
            if (e.replied("WRONGTYPE")) {
                return null;
            }
            throw translate(e);
        }
    }

    /** SET. */
    public void set(String key, String value) {
        call("SET", j -> j.set(key, value));
    }

    /** SET NX PX: true when {@code key} was absent and now holds {@code value} for {@code expiryMillis}. */
    public boolean setIfAbsent(String key, String value, long expiryMillis) {
        return "OK".equals(call("SET", j -> j.set(key, value, SetParams.setParams().nx().px(expiryMillis))));
    }

    /** DEL: true when {@code key} existed. */
    public boolean delete(String key) {
        return call("DEL", j -> j.del(key) > 0);
    }

    /** GET of a value that may be any bytes; {@code key} is UTF-8. */
    public byte[] getBytes(String key) {
        return call("GET", j -> j.get(utf8(key)));
    }

    /** SET of a value that may be any bytes, expiring after {@code ttlSeconds} unless that is 0. */
    public void setBytes(String key, byte[] value, long ttlSeconds) {
        SetParams params = ttlSeconds > 0 ? SetParams.setParams().ex(ttlSeconds) : SetParams.setParams();
        call("SET", j -> j.set(utf8(key), value, params));
    }

    /** EVAL: runs a Lua script atomically; its reply (a Long, a String, a List, or null). */
    public Object eval(String script, List<String> keys, List<String> args) {
        return call("EVAL", j -> j.eval(script, keys, args));
    }

    /** HMGET: the values of {@code fields} of the hash at {@code key}, null where absent. */
    public List<String> hashFields(String key, String... fields) {
        return call("HMGET", j -> j.hmget(key, fields));
    }

    /**
     * SCAN for the keys matching a glob {@code pattern} (of Redis type {@code type}, or any when
     * null), a page at a time: without blocking Redis on a large keyspace, a key possibly twice.
     */
    public void scan(String pattern, String type, Consumer<List<String>> page) {
        call("SCAN", j -> {
            ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> result = type == null ? j.scan(cursor, params) : j.scan(cursor, params, type);
                page.accept(result.getResult());
                cursor = result.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return null;
        });
    }

    /** PING: throws when Redis does not answer. */
    public void ping() {
        call("PING", JedisPooled::ping);
    }

    /**
     * XADD {@code fields} at the end of {@code stream}; with {@code maxLength} above 0 the stream
     * is trimmed to about that many entries. Returns the new entry's id.
     */
    public String append(String stream, Map<String, String> fields, long maxLength) {
        XAddParams params = XAddParams.xAddParams();
        if (maxLength > 0) {
            params.maxLen(maxLength).approximateTrimming();
        }
        return call("XADD", j -> j.xadd(stream, params, fields).toString());
    }

    /** Runs {@code action}; a failure becomes the caller's exception. */
    <T> T call(String command, Function<JedisPooled, T> action) {
        try {
            return attempt(command, action);
        } catch (RedisException e) {
            throw translate(e);
        }
    }

    /** The caller's exception for {@code e}. */
    RuntimeException translate(RedisException e) {
        return errors.apply(e);
    }

    /** Runs {@code action} on the pool; a failure becomes a {@link RedisException}. */
    <T> T attempt(String command, Function<JedisPooled, T> action) {
        return run(command, () -> action.apply(client.jedis()));
    }

    /** Runs {@code action}, which sends {@code command} with jedis; a failure becomes a {@link RedisException}. */
    <T> T run(String command, Supplier<T> action) {
        String at = client.settings().address();
        if (client.closed()) {
            throw new RedisException("redis client for " + at + " is closed", true, null, null);
        }
        try {
            return action.get();
        } catch (JedisConnectionException e) {
            throw new RedisException("cannot reach redis at " + at + " (" + command + "): " + e.getMessage(), true, null, e);
        } catch (JedisDataException e) {
            // the reply of a failed script names the key's type problem, never a value
            throw new RedisException("redis at " + at + " failed " + command + ": " + e.getMessage(), false, e.getMessage(), e);
        } catch (JedisException e) {
            throw new RedisException("redis at " + at + " failed " + command + ": " + e.getMessage(), false, null, e);
        } catch (IllegalStateException e) {
            // commons-pool throws this once the pool is closed
            throw new RedisException("redis client for " + at + " is closed", true, null, e);
        }
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
