// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * A blocking SUBSCRIBE to channels, or PSUBSCRIBE to a pattern, on a socket of its own: {@link #run()}
 * is a long task for an executor, which hands each message's channel to the listener until
 * {@link #close()}. The listener runs on that task's thread; what it throws is logged, and the
 * subscription goes on.
 */
public final class RedisSubscription implements Runnable, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisSubscription.class.getName());

    private final RedisClient client;
    private final Jedis socket;
    private final List<String> channels;
    private final String pattern;
    private final Consumer<String> listener;
    private final Listening pubSub = new Listening();
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile RuntimeException failure;

    private RedisSubscription(RedisClient client, List<String> channels, String pattern, Consumer<String> listener) {
        this.client = client;
        this.socket = client.commands().run("SUBSCRIBE", () -> client.dedicatedSocket("subscriber"));
        this.channels = List.copyOf(channels);
        this.pattern = pattern;
        this.listener = listener;
    }

    /** A subscription to {@code channels}, on a new socket of {@code client}'s settings. */
    public static RedisSubscription toChannels(RedisClient client, List<String> channels, Consumer<String> listener) {
        return new RedisSubscription(client, channels, null, listener);
    }

    /** A subscription to the channels matching the glob {@code pattern}. */
    public static RedisSubscription toPattern(RedisClient client, String pattern, Consumer<String> listener) {
        return new RedisSubscription(client, List.of(), pattern, listener);
    }

    /**
     * Switches on the keyspace notification classes {@code flags} (as in {@code notify-keyspace-events})
     * in addition to those the server has, so that what this subscribes to is published at all.
     */
    public void enableKeyspaceEvents(String flags) {
        client.commands().run("CONFIG SET notify-keyspace-events", () -> {
            String current = socket.configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
            StringBuilder merged = new StringBuilder(current);
            for (char c : flags.toCharArray()) {
                // 'A' already stands for every event class ('$', 'g', 'x', ...), not for K (keyspace channels)
                if (current.indexOf(c) < 0 && !(c != 'K' && current.indexOf('A') >= 0)) {
                    merged.append(c);
                }
            }
            return merged.toString().equals(current) ? null : socket.configSet("notify-keyspace-events", merged.toString());
        });
    }

    @Override
    public void run() {
        try {
            if (pattern != null) {
                socket.psubscribe(pubSub, pattern);
            } else {
                socket.subscribe(pubSub, channels.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            if (!closed) {
                failure = e;
                LOG.log(Level.WARNING, "{0} ended: {1}", new Object[] {this, e.getMessage()});
            }
        } finally {
            listening.countDown();
            closeSocket();
        }
    }

    /** Returns once Redis confirmed the subscription; throws when it failed or did not within {@code timeoutMillis}. */
    public void awaitListening(int timeoutMillis) {
        try {
            if (!listening.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new RedisException("redis at " + client.settings().address() + " did not confirm the subscription within "
                        + timeoutMillis + " ms", true, null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted while subscribing", true, null, e);
        }
        RuntimeException failed = failure;
        if (failed != null) {
            throw new RedisException("redis at " + client.settings().address() + " refused the subscription: "
                    + failed.getMessage(), false, failed.getMessage(), failed);
        }
    }

    /** Unsubscribes and closes the socket; the task ends. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            if (pubSub.isSubscribed()) {
                if (pattern != null) {
                    pubSub.punsubscribe();
                } else {
                    pubSub.unsubscribe();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "unsubscribing " + this + " failed; closing its socket", e);
        }
        closeSocket();
    }

    @Override
    public String toString() {
        return "redis subscription to " + (pattern != null ? pattern : String.join(" ", channels)) + " at "
                + client.settings().address();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the socket of " + this + " failed", e);
        }
    }

    private void deliver(String channel) {
        if (closed) {
            return;
        }
        try {
            listener.accept(channel);
        } catch (RuntimeException e) {
            // one failed notification must not end the subscription
            LOG.log(Level.WARNING, this + " could not handle a message on " + channel, e);
        }
    }

    /** Jedis's callbacks, kept inside this package. */
    private final class Listening extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            listening.countDown();
        }

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            listening.countDown();
        }

        @Override
        public void onMessage(String channel, String message) {
            deliver(channel);
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            deliver(channel);
        }
    }
}
