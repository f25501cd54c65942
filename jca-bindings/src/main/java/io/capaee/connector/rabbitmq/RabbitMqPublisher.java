// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes with publisher confirms for any number of threads: each publish takes a channel of its
 * own from a small pool (a channel's confirms are counted per channel, so two threads must not share
 * one), publishes, and returns once the broker confirmed the message, which for a persistent
 * message on a durable queue means it is on disk. A <em>mandatory</em> publish that no queue takes
 * fails instead of vanishing. A channel the broker closed (an unknown exchange, say) is dropped, and
 * the next publish opens a new one; the connection reconnects by itself.
 */
public final class RabbitMqPublisher implements AutoCloseable {
    /** At most this many publishes wait for their confirmation at once. */
    static final int CHANNELS = 8;

    private final Connection connection;
    private final long timeoutMillis;
    private final Semaphore places = new Semaphore(CHANNELS, true);
    private final BlockingQueue<Confirming> idle = new ArrayBlockingQueue<>(CHANNELS);

    /** A channel in confirm mode, and the messages the broker returned on it as unroutable. */
    private record Confirming(Channel channel, Set<String> returned) {
    }

    private RabbitMqPublisher(Connection connection, long timeoutMillis) {
        this.connection = connection;
        this.timeoutMillis = timeoutMillis;
    }

    /** A publisher on a connection of its own, named {@code name}, that reconnects by itself. */
    public static RabbitMqPublisher open(RabbitMqSettings settings, String name) throws IOException, TimeoutException {
        return new RabbitMqPublisher(RabbitMqClients.connect(settings, name, true), settings.timeoutMillis());
    }

    /**
     * Publishes to {@code exchange} ({@code ""}: the default exchange, which routes to the queue named
     * {@code routingKey}) and returns once the broker confirmed it.
     *
     * @param mandatory true: a message no queue takes is an error ({@link UnroutableException})
     * @throws IOException when the broker refused it (nack, a closed channel) or could not be reached
     * @throws TimeoutException when no confirmation came within the settings' timeout
     */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, boolean mandatory)
            throws IOException, TimeoutException {
        // a message id tells this message's return from an earlier one's
        AMQP.BasicProperties withId = properties.getMessageId() != null ? properties
                : properties.builder().messageId(UUID.randomUUID().toString()).build();
        onChannel(confirming -> {
            confirming.returned().clear();
            confirming.channel().basicPublish(exchange, routingKey, mandatory, withId, body);
            try {
                confirming.channel().waitForConfirmsOrDie(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for RabbitMQ's confirmation", e);
            }
            if (confirming.returned().contains(withId.getMessageId())) {
                throw new UnroutableException("exchange '" + exchange + "' has no queue bound for routing key '" + routingKey
                        + "'" + (exchange.isEmpty() ? " (no queue of that name)" : ""));
            }
        });
    }

    /** Declares a durable exchange of {@code type} unless it exists (with that type). */
    public void declareExchange(String name, String type) throws IOException, TimeoutException {
        onChannel(confirming -> confirming.channel().exchangeDeclare(name, type, true));
    }

    private interface ChannelWork {
        void run(Confirming confirming) throws IOException, TimeoutException;
    }

    /** Runs {@code work} on a channel of its own, waiting within the timeout for one to be free. */
    private void onChannel(ChannelWork work) throws IOException, TimeoutException {
        try {
            if (!places.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("no RabbitMQ channel was free within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a RabbitMQ channel", e);
        }
        Confirming confirming = null;
        try {
            confirming = idle.poll();
            if (confirming == null || !confirming.channel().isOpen()) {
                confirming = newChannel();
            }
            work.run(confirming);
        } finally {
            if (confirming != null && confirming.channel().isOpen()) {
                idle.offer(confirming);
            }
            places.release();
        }
    }

    private Confirming newChannel() throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("RabbitMQ gave no channel: the connection's channel limit is reached");
        }
        channel.confirmSelect();
        Set<String> returned = ConcurrentHashMap.newKeySet();
        // the broker returns an unroutable mandatory message before it confirms it
        channel.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
        return new Confirming(channel, returned);
    }

    public boolean isConnected() {
        return connection.isOpen();
    }

    /** Closes the connection and its channels; never throws. */
    @Override
    public void close() {
        idle.clear();
        RabbitMqClients.close(connection);
    }

    /** A mandatory message no queue took: nothing was stored. */
    public static final class UnroutableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnroutableException(String message) {
            super(message);
        }
    }
}
