// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.capaee.connector.inbound.Arrivals;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The reading side of RabbitMQ, the same for activation specs, pub/sub and connectors: a consumer
 * of one queue on a connection of its own, with manual acknowledgements and at most
 * {@code prefetch} messages unacknowledged; the client's thread only queues what arrives, and the
 * owner {@linkplain #take takes} in turns and {@linkplain #acknowledge acknowledges} each message
 * once it is settled. A lost connection is not repaired here: {@link #take} fails, and the owner
 * closes this and opens a new one. Closing hands every unacknowledged message back to the queue,
 * where the broker keeps its place, so the next consumer gets it first (flagged redelivered).
 */
public final class RabbitMqSubscription implements AutoCloseable {

    /** A message as the broker sent it. */
    public record Arrived(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    }

    /** The queue to read and what to declare first; {@code exchange} empty: the queue is not bound to one. */
    public record Queue(String name, boolean declare, String exchange, String exchangeType, String routingKey) {
        /** A durable queue declared if missing, bound to nothing. */
        public static Queue declared(String name) {
            return new Queue(name, true, "", "", "");
        }
    }

    private final Arrivals<Arrived> arrived = new Arrivals<>(); // filled by the client's thread
    private final String queue;
    private final Connection connection;
    private final Channel channel;
    private Channel publishing; // dead letters: a confirming channel, opened when first needed
    private final java.util.Set<String> declared = new java.util.HashSet<>(); // queues declared on it

    private RabbitMqSubscription(String queue, Connection connection, Channel channel) {
        this.queue = queue;
        this.connection = connection;
        this.channel = channel;
    }

    /**
     * Connects, declares what {@code queue} asks (a durable queue, a durable exchange and the binding
     * between them) and starts consuming.
     *
     * @throws IOException when the broker cannot be reached or refuses a declaration (a queue that
     *                     exists with other arguments, say)
     */
    public static RabbitMqSubscription open(RabbitMqSettings settings, String name, Queue queue, int prefetch)
            throws IOException, TimeoutException {
        Connection connection = RabbitMqClients.connect(settings, name, false);
        try {
            Channel channel = connection.createChannel();
            declare(channel, queue);
            channel.basicQos(prefetch);
            RabbitMqSubscription subscription = new RabbitMqSubscription(queue.name(), connection, channel);
            channel.basicConsume(queue.name(), false, name, subscription.new Consumer(channel));
            return subscription;
        } catch (IOException | RuntimeException e) {
            RabbitMqClients.close(connection);
            throw e;
        }
    }

    /** Declares {@code queue} (durable, if asked), its exchange (durable) and the binding between them. */
    public static void declare(Channel channel, Queue queue) throws IOException {
        if (queue.declare()) {
            channel.queueDeclare(queue.name(), true, false, false, null);
        }
        if (!queue.exchange().isEmpty()) {
            channel.exchangeDeclare(queue.exchange(), queue.exchangeType(), true);
            channel.queueBind(queue.name(), queue.exchange(), queue.routingKey());
        }
    }

    /**
     * What arrived, in order, at most {@code max}, waiting at most {@code wait} for the first.
     *
     * @throws IllegalStateException when the connection or the consumer was lost (the owner opens a new subscription)
     */
    public List<Arrived> take(Duration wait, int max) throws InterruptedException {
        if (arrived.lost() != null || !channel.isOpen()) {
            throw new IllegalStateException("the RabbitMQ consumer of queue " + queue + " was lost: " + arrived.lost());
        }
        return arrived.take(wait, max);
    }

    /** Tells the broker the message is settled: it leaves the queue. */
    public void acknowledge(Arrived message) throws IOException {
        channel.basicAck(message.envelope().getDeliveryTag(), false);
    }

    /** Puts the message back in its queue at once, for any consumer of the queue (flagged redelivered). */
    public void requeue(Arrived message) throws IOException {
        channel.basicNack(message.envelope().getDeliveryTag(), false, true);
    }

    /**
     * Publishes a persistent message to the default exchange's queue {@code to} (declared durable if
     * missing) on this subscription's connection, and waits for the broker's confirmation.
     */
    public void publishToQueue(String to, AMQP.BasicProperties properties, byte[] body, long timeoutMillis)
            throws IOException, TimeoutException {
        if (publishing == null || !publishing.isOpen()) {
            publishing = connection.createChannel();
            publishing.confirmSelect();
            declared.clear();
        }
        if (declared.add(to)) {
            publishing.queueDeclare(to, true, false, false, null);
        }
        publishing.basicPublish("", to, properties, body);
        try {
            publishing.waitForConfirmsOrDie(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for RabbitMQ's confirmation", e);
        }
    }

    public String queue() {
        return queue;
    }

    /** Closes the connection: what was not acknowledged goes back to the queue; never throws. */
    @Override
    public void close() {
        RabbitMqClients.close(connection);
        arrived.clear();
    }

    /** On the client's thread: queues, and notes why the consumer went. */
    private final class Consumer extends DefaultConsumer {
        Consumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            arrived.add(new Arrived(envelope, properties, body));
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            arrived.lost(String.valueOf(signal.getMessage()));
        }

        @Override
        public void handleCancel(String consumerTag) {
            arrived.lost("the broker cancelled the consumer (the queue was deleted?)");
        }
    }
}
