// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The command line's Redis, configured like Capsule's: {@code REDIS_ADDR} (default
 * {@code localhost:6379}), {@code REDIS_PWD}, {@code REDIS_DEFAULTDB}. Connects on first use.
 * On the server the resource adapter provides this instead.
 */
final class RedisKeyValue implements KeyValueConnectionFactory, AutoCloseable {
    private final HostAndPort address;
    private final DefaultJedisClientConfig config;
    private JedisPooled client;

    RedisKeyValue(String addr, String password, String database) {
        String a = addr == null || addr.isBlank() ? "localhost:6379" : addr;
        int colon = a.lastIndexOf(':');
        this.address = new HostAndPort(colon < 0 ? a : a.substring(0, colon), colon < 0 ? 6379 : Integer.parseInt(a.substring(colon + 1)));
        int db;
        try {
            db = database == null || database.isBlank() ? 0 : Integer.parseInt(database);
        } catch (NumberFormatException e) {
            db = 0; // as Capsule: a bad REDIS_DEFAULTDB means database 0
        }
        this.config = DefaultJedisClientConfig.builder()
                .password(password == null || password.isEmpty() ? null : password)
                .database(db)
                .timeoutMillis(2000)
                .build();
    }

    private synchronized JedisPooled client() {
        if (client == null) {
            client = new JedisPooled(address, config);
        }
        return client;
    }

    @Override
    public KeyValueConnection getConnection() {
        return new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                return call(() -> Optional.ofNullable(client().get(key)));
            }

            @Override
            public void set(String key, String value) {
                call(() -> client().set(key, value));
            }

            @Override
            public boolean delete(String key) {
                return call(() -> client().del(key) > 0);
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                // one Lua script, so that no other client writes between the GET and the SET
                String script = "local c = redis.call('GET', KEYS[1]) "
                        + "if ARGV[1] == '1' then if c then return 0 end elseif c ~= ARGV[2] then return 0 end "
                        + "redis.call('SET', KEYS[1], ARGV[3]) return 1";
                List<String> args = List.of(expected == null ? "1" : "0", expected == null ? "" : expected, value);
                return call(() -> Long.valueOf(1).equals(client().eval(script, List.of(key), args)));
            }

            @Override
            public List<String> keys(String pattern) {
                return call(() -> new ArrayList<>(client().keys(pattern)));
            }

            @Override
            public void close() {}
        };
    }

    private <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new KeyValueException("redis at " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
