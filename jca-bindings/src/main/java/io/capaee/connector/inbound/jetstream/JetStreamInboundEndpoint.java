// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.jetstream;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.inbound.RetryingDelivery;
import io.capaee.connector.inbound.nats.NatsHealth;
import io.capaee.connector.inbound.nats.NatsMessages;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fetches from a durable pull consumer, a batch a turn, and acknowledges per message:
 * {@code ack} after delivery, {@code term} after a dead letter was written, {@code nak} when
 * neither happened (so JetStream redelivers it). Retries signal {@code inProgress} so that the ack
 * wait does not run out while the bean is being retried.
 */
final class JetStreamInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(JetStreamInboundEndpoint.class.getName());
    private static final int BATCH = 10;

    private final NatsSettings settings;
    private final JetStreamSource source;
    private final String target;
    private final RetryingDelivery delivery;
    private Connection connection; // touched by turns only
    private JetStreamSubscription subscription;

    JetStreamInboundEndpoint(NatsSettings settings, JetStreamSource source, String target, DeliveryPolicy policy,
            EndpointInvoker invoker) {
        this.settings = settings;
        this.source = source;
        this.target = target;
        this.delivery = new RetryingDelivery(invoker, policy, this::stopping);
    }

    @Override
    protected void open() throws Exception {
        connection = NatsClients.connect(settings, "capa-ee-inbound " + source.durable());
        if (source.createStream()) {
            ensureStream(connection.jetStreamManagement());
        }
        JetStream js = connection.jetStream();
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(source.durable())
                .filterSubject(source.subject())
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofMillis(source.ackWaitMillis()))
                .build();
        subscription = js.subscribe(source.subject(),
                PullSubscribeOptions.builder().stream(source.stream()).configuration(consumer).build());
    }

    @Override
    protected long turn() throws Exception {
        report(NatsHealth.problem(connection));
        List<Message> messages = subscription.fetch(BATCH, TURN_WAIT);
        for (Message message : messages) {
            if (stopping()) {
                message.nak();
                continue;
            }
            handle(connection, message);
        }
        return messages.isEmpty() ? IDLE : AGAIN;
    }

    @Override
    protected void close() {
        NatsClients.close(connection); // the durable consumer stays: a restarted endpoint continues where it was
        connection = null;
        subscription = null;
    }

    private void ensureStream(JetStreamManagement jsm) throws Exception {
        try {
            jsm.getStreamInfo(source.stream());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            jsm.addStream(StreamConfiguration.builder().name(source.stream()).subjects(source.subject())
                    .storageType(StorageType.File).build());
            LOG.log(Level.INFO, "created JetStream stream {0} for {1}", new Object[] {source.stream(), source.subject()});
        }
    }

    private void handle(Connection connection, Message message) {
        Map<String, String> metadata = NatsMessages.metadata(message);
        metadata.put("stream", source.stream());
        if (message.isJetStream()) {
            metadata.put("sequence", Long.toString(message.metaData().streamSequence()));
            metadata.put("redelivered", Long.toString(message.metaData().deliveredCount() - 1));
        }
        InboundMessage inbound = new InboundMessage("jetstream", message.getSubject(), null, message.getData(),
                metadata, 1, target);
        RetryingDelivery.Outcome outcome = delivery.deliver(inbound, message::inProgress);
        if (outcome.delivered()) {
            message.ack();
        } else if (outcome.lastFailure() != null && deadLetter(connection, message, outcome)) {
            message.term();
        } else {
            message.nak();
        }
    }

    private boolean deadLetter(Connection connection, Message message, RetryingDelivery.Outcome outcome) {
        String to = NatsMessages.deadLetterSubject(source.deadLetterSubject(), message);
        try {
            NatsMessages.deadLetter(connection, message, to, outcome, Duration.ofMillis(settings.timeoutMillis()));
            LOG.log(Level.WARNING, "{0}: message from {1} sent to dead-letter subject {2} after {3} attempt(s)",
                    new Object[] {describe(), message.getSubject(), to, outcome.attempts()});
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, describe() + ": dead letter to " + to + " failed; the message will come again", e);
            return false;
        }
    }

    @Override
    public String describe() {
        return "jetstream inbound " + source.stream() + " " + source.subject() + " (durable " + source.durable() + ")";
    }
}
