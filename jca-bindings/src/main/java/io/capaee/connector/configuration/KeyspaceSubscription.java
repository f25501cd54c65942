// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.connector.redis.RedisSubscription;
import java.util.Map;
import java.util.UUID;

/**
 * One subscription to configuration changes: on each keyspace notification of an item's key it
 * reads the item's current value and tells the listener; a deleted or expired key is reported with
 * an empty item.
 */
final class KeyspaceSubscription implements ConfigurationSubscription {
    private final String id = UUID.randomUUID().toString();
    private final RedisConfigurationStore store;
    private final String channelPrefix;
    private final ConfigurationListener listener;
    private volatile RedisSubscription redis;
    private volatile boolean closed;

    KeyspaceSubscription(RedisConfigurationStore store, String channelPrefix, ConfigurationListener listener) {
        this.store = store;
        this.channelPrefix = channelPrefix;
        this.listener = listener;
    }

    /** Set once, before the first notification can arrive. */
    void listenOn(RedisSubscription subscription) {
        this.redis = subscription;
    }

    /** Called with the channel of each notification: {@code __keyspace@DB__:} + the item's Redis key. */
    void changed(String channel) {
        if (closed || !channel.startsWith(channelPrefix)) {
            return;
        }
        String key = channel.substring(channelPrefix.length());
        ConfigurationItem item = store.read(key);
        listener.changed(Map.of(key, item == null ? ConfigurationItem.deleted() : item));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() {
        closed = true;
        RedisSubscription subscription = redis;
        if (subscription != null) {
            subscription.close();
        }
    }
}
