// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.api.configuration.ConfigurationTooLargeException;
import io.capaee.connector.redis.RedisSettings;
import io.capaee.connector.store.RedisClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Configuration in Redis, as Dapr's Redis configuration store keeps it: each item a string at
 * {@code keyPrefix + key} holding {@code value||version} (or just {@code value}). Subscriptions
 * listen to keyspace notifications on a socket of their own; the store switches on the flags they
 * need ({@code K$gx}) in addition to whatever the server already has, so that a {@code SET} from any
 * client reaches the subscriber at once.
 *
 * <p>Every key lives under the (non-empty) prefix. An answer never holds more than {@code maxItems}
 * items: a listing that would is refused with {@link ConfigurationTooLargeException} rather than cut
 * short, because Dapr's answer (a map of items) has no place for a "truncated" flag and a client
 * would take a partial listing for the whole configuration.
 */
public final class RedisConfigurationStore implements ConfigurationStore {
    static final String SEPARATOR = "||";
    private static final String NEEDED_FLAGS = "K$gx";

    private final RedisClient redis;
    private final String keyPrefix;
    private final int maxItems;

    public RedisConfigurationStore(RedisClient redis, String keyPrefix, int maxItems) {
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("a configuration store needs a key prefix");
        }
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.maxItems = maxItems;
    }

    @Override
    public Map<String, ConfigurationItem> get(List<String> keys) {
        checkKeyCount(keys);
        return call("GET", () -> {
            List<String> wanted = keys.isEmpty() ? allKeys() : keys;
            Map<String, ConfigurationItem> items = new TreeMap<>();
            for (String key : wanted) {
                ConfigurationItem item = read(key);
                if (item != null) {
                    items.put(key, item);
                }
            }
            return items;
        });
    }

    private List<String> allKeys() {
        Set<String> found = new LinkedHashSet<>();
        ScanParams params = new ScanParams().match(keyPrefix + "*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.jedis().scan(cursor, params, "string");
            for (String stored : page.getResult()) {
                found.add(stored.substring(keyPrefix.length()));
            }
            if (found.size() > maxItems) {
                throw new ConfigurationTooLargeException("more than " + maxItems + " configuration items: name the keys"
                        + " wanted (key=...), or raise capa.configuration.max-items");
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return new ArrayList<>(found);
    }

    /** The item at {@code key}, or null when there is none (or it is not a string). */
    ConfigurationItem read(String key) {
        String raw;
        try {
            raw = redis.jedis().get(keyPrefix + key);
        } catch (JedisException e) {
            if (String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
                return null;
            }
            throw e;
        }
        return raw == null ? null : parse(raw);
    }

    static ConfigurationItem parse(String raw) {
        int at = raw.lastIndexOf(SEPARATOR);
        return at < 0
                ? new ConfigurationItem(raw, "", Map.of())
                : new ConfigurationItem(raw.substring(0, at), raw.substring(at + SEPARATOR.length()), Map.of());
    }

    private void checkKeyCount(List<String> keys) {
        if (keys.size() > maxItems) {
            throw new ConfigurationTooLargeException(keys.size() + " keys named, at most " + maxItems
                    + " are allowed (capa.configuration.max-items)");
        }
    }

    @Override
    public ConfigurationSubscription subscribe(List<String> keys, ConfigurationListener listener, Executor executor) {
        checkKeyCount(keys);
        RedisSettings s = redis.settings();
        Jedis socket = new Jedis(new HostAndPort(s.host(), s.port()), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(s.timeoutMillis())
                .socketTimeoutMillis(0) // a subscriber waits for ever; closing the subscription ends it
                .password(s.password().isEmpty() ? null : s.password())
                .database(s.database())
                .clientName("capa-ee-configuration")
                .build());
        call("CONFIG SET notify-keyspace-events", () -> {
            try {
                enableNotifications(socket);
                return null;
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
        });
        String channelPrefix = "__keyspace@" + s.database() + "__:" + keyPrefix;
        KeyspaceSubscription subscription = new KeyspaceSubscription(this, socket, channelPrefix, List.copyOf(keys), listener);
        try {
            executor.execute(subscription);
            subscription.awaitListening(s.timeoutMillis());
        } catch (RuntimeException e) {
            subscription.close();
            throw e instanceof ConfigurationException ? e
                    : new ConfigurationException("cannot subscribe to configuration changes at " + s.address() + ": " + e.getMessage(), e);
        }
        return subscription;
    }

    private static void enableNotifications(Jedis socket) {
        Map<String, String> current = socket.configGet("notify-keyspace-events");
        String flags = current.getOrDefault("notify-keyspace-events", "");
        StringBuilder merged = new StringBuilder(flags);
        for (char c : NEEDED_FLAGS.toCharArray()) {
            // 'A' already stands for every event class, '$', 'g' and 'x' among them
            if (flags.indexOf(c) < 0 && !(c != 'K' && flags.indexOf('A') >= 0)) {
                merged.append(c);
            }
        }
        if (!merged.toString().equals(flags)) {
            socket.configSet("notify-keyspace-events", merged.toString());
        }
    }

    @Override
    public String type() {
        return "configuration.redis";
    }

    private <T> T call(String command, Supplier<T> action) {
        if (redis.closed()) {
            throw new ConfigurationException("the configuration store's redis client for " + redis.settings().address() + " is closed");
        }
        try {
            return action.get();
        } catch (JedisException e) {
            throw new ConfigurationException("redis at " + redis.settings().address() + " failed " + command + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ConfigurationException("the configuration store's redis client for " + redis.settings().address() + " is closed", e);
        }
    }
}
