// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.api.configuration.ConfigurationTooLargeException;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import io.capaee.connector.redis.RedisSubscription;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;

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

    private final RedisClient client;
    private final RedisCommands redis;
    private final String keyPrefix;
    private final int maxItems;

    public RedisConfigurationStore(RedisClient client, String keyPrefix, int maxItems) {
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("a configuration store needs a key prefix");
        }
        this.client = client;
        this.redis = client.commands(e -> new ConfigurationException(e.getMessage(), e));
        this.keyPrefix = keyPrefix;
        this.maxItems = maxItems;
    }

    @Override
    public Map<String, ConfigurationItem> get(List<String> keys) {
        checkKeyCount(keys);
        List<String> wanted = keys.isEmpty() ? allKeys() : keys;
        Map<String, ConfigurationItem> items = new TreeMap<>();
        for (String key : wanted) {
            ConfigurationItem item = read(key);
            if (item != null) {
                items.put(key, item);
            }
        }
        return items;
    }

    private List<String> allKeys() {
        Set<String> found = new LinkedHashSet<>();
        redis.scan(keyPrefix + "*", "string", page -> {
            for (String stored : page) {
                found.add(stored.substring(keyPrefix.length()));
            }
            if (found.size() > maxItems) {
                throw new ConfigurationTooLargeException("more than " + maxItems + " configuration items: name the keys"
                        + " wanted (key=...), or raise capa.configuration.max-items");
            }
        });
        return new ArrayList<>(found);
    }

    /** The item at {@code key}, or null when there is none (or it is not a string). */
    ConfigurationItem read(String key) {
        String raw = redis.getIfString(keyPrefix + key);
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
        String channelPrefix = "__keyspace@" + client.settings().database() + "__:" + keyPrefix;
        KeyspaceSubscription subscription = new KeyspaceSubscription(this, channelPrefix, listener);
        try {
            RedisSubscription notifications = keys.isEmpty()
                    ? RedisSubscription.toPattern(client, channelPrefix + "*", subscription::changed)
                    : RedisSubscription.toChannels(client, keys.stream().map(k -> channelPrefix + k).toList(), subscription::changed);
            subscription.listenOn(notifications);
            notifications.enableKeyspaceEvents(NEEDED_FLAGS);
            executor.execute(notifications);
            notifications.awaitListening(client.settings().timeoutMillis());
        } catch (RuntimeException e) {
            subscription.close();
            throw new ConfigurationException("cannot subscribe to configuration changes: " + e.getMessage(), e);
        }
        return subscription;
    }

    @Override
    public String type() {
        return "configuration.redis";
    }
}
