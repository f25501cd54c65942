// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationSubscription;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * One subscription: a blocking SUBSCRIBE (exact keys) or PSUBSCRIBE (every key) on its own socket,
 * run as a long task on the caller's executor. On each notification it reads the key's current
 * item and tells the listener; a deleted or expired key is reported with an empty item.
 */
final class KeyspaceSubscription extends JedisPubSub implements Runnable, ConfigurationSubscription {
    private static final Logger LOG = Logger.getLogger(KeyspaceSubscription.class.getName());

    private final String id = UUID.randomUUID().toString();
    private final RedisConfigurationStore store;
    private final Jedis socket;
    private final String channelPrefix;
    private final List<String> keys;
    private final ConfigurationListener listener;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile RuntimeException failure;

    KeyspaceSubscription(RedisConfigurationStore store, Jedis socket, String channelPrefix, List<String> keys,
            ConfigurationListener listener) {
        this.store = store;
        this.socket = socket;
        this.channelPrefix = channelPrefix;
        this.keys = keys;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            if (keys.isEmpty()) {
                socket.psubscribe(this, channelPrefix + "*");
            } else {
                socket.subscribe(this, keys.stream().map(k -> channelPrefix + k).toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            if (!closed) {
                failure = e;
                LOG.log(Level.WARNING, "configuration subscription {0} ended: {1}", new Object[] {id, e.getMessage()});
            }
        } finally {
            listening.countDown();
            closeSocket();
        }
    }

    void awaitListening(int timeoutMillis) {
        try {
            if (!listening.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ConfigurationException("the configuration subscription did not start within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while subscribing", e);
        }
        if (failure != null) {
            throw new ConfigurationException("cannot subscribe to configuration changes: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
        listening.countDown();
    }

    @Override
    public void onPSubscribe(String pattern, int subscribedChannels) {
        listening.countDown();
    }

    @Override
    public void onMessage(String channel, String event) {
        changed(channel);
    }

    @Override
    public void onPMessage(String pattern, String channel, String event) {
        changed(channel);
    }

    private void changed(String channel) {
        if (closed || !channel.startsWith(channelPrefix)) {
            return;
        }
        String key = channel.substring(channelPrefix.length());
        try {
            ConfigurationItem item = store.read(key);
            listener.changed(Map.of(key, item == null ? ConfigurationItem.deleted() : item));
        } catch (RuntimeException e) {
            // one failed notification must not end the subscription
            LOG.log(Level.WARNING, "configuration subscription " + id + " could not report a change of " + key, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (isSubscribed()) {
                if (keys.isEmpty()) {
                    punsubscribe();
                } else {
                    unsubscribe();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "unsubscribing " + id + " failed; closing its socket", e);
        }
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the socket of configuration subscription " + id + " failed", e);
        }
    }
}
