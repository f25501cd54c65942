// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.jetstream;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
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
 * neither happened or the endpoint stopped first (so JetStream redelivers it). Before each retry,
 * every message of the batch still in hand signals {@code inProgress}, so that their ack wait does
 * not run out while one of them is being retried.
 */
final class JetStreamInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(JetStreamInboundEndpoint.class.getName());
    private static final int BATCH = 10;

    private final NatsSettings settings;
    private final JetStreamSource source;
    private final String target;
    private final DeliveryLine<Taken<Message>> line;
    private Connection connection; // touched by turns only
    private JetStreamSubscription subscription;

    JetStreamInboundEndpoint(NatsSettings settings, JetStreamSource source, String target, DeliveryPolicy policy,
            EndpointInvoker invoker) {
        this.settings = settings;
        this.source = source;
        this.target = target;
        this.line = DeliveryLine.<Message>toEndpoint(invoker, policy, this::settle, (messages, first) -> nakAll(messages))
                .beforeRetry(held -> held.messages().forEach(taken -> inProgress(taken.original())));
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
        readLag(() -> subscription.getConsumerInfo().getNumPending());
        long wait = line.deliver(this::stopping);
        if (wait > 0 || stopping()) {
            return wait;
        }
        List<Message> messages = subscription.fetch(BATCH, TURN_WAIT);
        if (messages.isEmpty()) {
            return IDLE;
        }
        messages.forEach(message -> line.add(taken(message)));
        return line.deliver(this::stopping);
    }

    @Override
    protected void close() {
        line.handBack();
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

    private Taken<Message> taken(Message message) {
        Map<String, String> metadata = NatsMessages.metadata(message);
        metadata.put("stream", source.stream());
        if (message.isJetStream()) {
            metadata.put("sequence", Long.toString(message.metaData().streamSequence()));
            metadata.put("redelivered", Long.toString(message.metaData().deliveredCount() - 1));
        }
        return new Taken<>(message, new InboundMessage("jetstream", message.getSubject(), null, message.getData(),
                metadata, 1, target));
    }

    private boolean settle(Taken<Message> taken, DeliveryOutcome outcome) {
        Message message = taken.original();
        if (outcome.delivered()) {
            message.ack();
        } else if (deadLetter(message, outcome)) {
            message.term();
        } else {
            message.nak();
        }
        return true;
    }

    /** Back to JetStream at once, rather than after their ack wait. */
    private void nakAll(List<Taken<Message>> messages) {
        for (Taken<Message> taken : messages) {
            try {
                taken.original().nak();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, describe() + ": nak failed; the message comes again after its ack wait", e);
            }
        }
    }

    private void inProgress(Message message) {
        try {
            message.inProgress();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, describe() + ": inProgress failed", e);
        }
    }

    private boolean deadLetter(Message message, DeliveryOutcome outcome) {
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
