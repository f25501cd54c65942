// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.jetstream;

import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.api.ConsumerConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A durable pull consumer read in turns. jnats keeps a pull outstanding at the server in the
 * background (its {@link IterableConsumer}, on the connection's own threads), so messages reach
 * the client as they are published, whether or not a turn is running; a turn takes what arrived.
 * Used by one turn at a time, except {@link #close()}, which the last turn or the stop calls.
 */
public final class JetStreamBatches implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JetStreamBatches.class.getName());
    /** How long to wait for each message after the first of a batch: they are buffered already. */
    private static final Duration DRAIN_WAIT = Duration.ofMillis(1);
    /**
     * How many batches the client may pull ahead: with one, a backlog came in part batches (the
     * next pull was still under way when a turn began), each costing the sink a round trip.
     */
    private static final int PULL_AHEAD_BATCHES = 4;

    private final IterableConsumer consumer;
    private final int batch;

    private JetStreamBatches(IterableConsumer consumer, int batch) {
        this.consumer = consumer;
        this.batch = batch;
    }

    /**
     * Creates (or updates) the durable consumer {@code config} on {@code stream} and starts pulling
     * a few batches of {@code batch} messages ahead. Without a stream name, the stream that takes {@code subject}.
     */
    public static JetStreamBatches open(Connection connection, String stream, String subject,
            ConsumerConfiguration config, int batch) throws IOException, JetStreamApiException {
        String name = stream != null ? stream : streamOf(connection, subject);
        IterableConsumer consumer = connection.getStreamContext(name).createOrUpdateConsumer(config)
                .iterate(ConsumeOptions.builder().batchSize(batch * PULL_AHEAD_BATCHES).build());
        return new JetStreamBatches(consumer, batch);
    }

    private static String streamOf(Connection connection, String subject) throws IOException, JetStreamApiException {
        List<String> streams = connection.jetStreamManagement().getStreamNames(subject);
        if (streams.isEmpty()) {
            throw new IOException("no JetStream stream takes the subject " + subject);
        }
        return streams.get(0); // streams cannot share subjects: at most one
    }

    /** What has arrived, up to a batch; waits at most {@code wait} for the first message. */
    public List<Message> take(Duration wait) throws InterruptedException, JetStreamStatusCheckedException {
        Message first = consumer.nextMessage(wait);
        if (first == null) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>();
        messages.add(first);
        Message next;
        while (messages.size() < batch && (next = consumer.nextMessage(DRAIN_WAIT)) != null) {
            messages.add(next);
        }
        return messages;
    }

    /**
     * Stops pulling and naks what arrived but was not taken, so that the next consumer gets it at
     * once rather than after the ack wait.
     */
    @Override
    public void close() {
        consumer.stop();
        try {
            Message left;
            while ((left = consumer.nextMessage(DRAIN_WAIT)) != null) {
                left.nak();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JetStreamStatusCheckedException | RuntimeException e) {
            // what is left comes again after the ack wait
            LOG.log(Level.FINE, "giving back the messages pulled ahead failed", e);
        }
        try {
            consumer.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the pull consumer failed", e);
        }
    }
}
