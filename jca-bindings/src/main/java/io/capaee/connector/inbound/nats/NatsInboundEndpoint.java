// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscribes (synchronously: the client queues what arrives, and each turn delivers what is
 * queued, in order) and delivers each message with retries, one message in hand at a time; a
 * message that still fails is published to the dead-letter subject with the headers
 * {@code capa-dead-letter-reason}, {@code capa-attempts} and {@code capa-original-subject}. NATS core
 * cannot redeliver: a message in hand when the endpoint stops is dead-lettered too (reason
 * {@code stopped}).
 */
final class NatsInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(NatsInboundEndpoint.class.getName());
    private static final int BATCH = 100;

    private final NatsSettings settings;
    private final String subject;
    private final String queueGroup;
    private final String deadLetterSubject;
    private final String target;
    private final DeliveryLine<Taken<Message>> line;
    private Connection connection; // touched by turns only
    private Subscription subscription;

    NatsInboundEndpoint(NatsSettings settings, String subject, String queueGroup, String deadLetterSubject,
            String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.settings = settings;
        this.subject = subject;
        this.queueGroup = queueGroup;
        this.deadLetterSubject = deadLetterSubject;
        this.target = target;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, this::deadLetterAll);
    }

    @Override
    protected void open() throws Exception {
        // fails fast when NATS is unreachable (the loop reopens a second later): waiting for it here
        // would hold a thread of the shared executor for the whole outage
        connection = NatsClients.connect(settings, "capa-ee-inbound " + subject);
        subscription = queueGroup.isEmpty() ? connection.subscribe(subject) : connection.subscribe(subject, queueGroup);
    }

    @Override
    protected long turn() throws Exception {
        report(NatsHealth.problem(connection));
        long wait = line.deliver(this::stopping);
        if (wait > 0) {
            return wait;
        }
        Message message = subscription.nextMessage(TURN_WAIT);
        if (message == null) {
            return IDLE;
        }
        for (int taken = 1; ; taken++) {
            line.add(taken(message));
            wait = line.deliver(this::stopping);
            if (wait > 0) {
                return wait;
            }
            if (taken >= BATCH || stopping() || subscription.getPendingMessageCount() == 0) {
                return AGAIN;
            }
            message = subscription.nextMessage(TURN_WAIT);
            if (message == null) {
                return AGAIN;
            }
        }
    }

    @Override
    protected void close() {
        line.handBack();
        NatsClients.close(connection);
        connection = null;
        subscription = null;
    }

    private Taken<Message> taken(Message message) {
        Map<String, String> metadata = NatsMessages.metadata(message);
        if (message.getReplyTo() != null) {
            metadata.put("replyTo", message.getReplyTo());
        }
        return new Taken<>(message, new InboundMessage("nats", message.getSubject(), null, message.getData(), metadata,
                1, target));
    }

    private boolean settle(Taken<Message> taken, DeliveryOutcome outcome) {
        if (!outcome.delivered()) {
            deadLetter(taken.original(), outcome);
        }
        return true;
    }

    private void deadLetterAll(List<Taken<Message>> messages, DeliveryOutcome first) {
        for (int i = 0; i < messages.size(); i++) {
            deadLetter(messages.get(i).original(), i == 0 ? first : DeliveryOutcome.stopped(0));
        }
    }

    private void deadLetter(Message message, DeliveryOutcome outcome) {
        String to = NatsMessages.deadLetterSubject(deadLetterSubject, message);
        try {
            NatsMessages.deadLetter(connection, message, to, outcome, Duration.ofMillis(settings.timeoutMillis()));
            LOG.log(Level.WARNING, "{0}: message from {1} sent to dead-letter subject {2} after {3} attempt(s)",
                    new Object[] {describe(), message.getSubject(), to, outcome.attempts()});
        } catch (Exception e) {
            // NATS core cannot redeliver: the log is the last place this message is recorded
            LOG.log(Level.SEVERE, describe() + ": could not dead-letter a message from " + message.getSubject()
                    + " (" + message.getData().length + " bytes) to " + to, e);
        }
    }

    @Override
    public String describe() {
        return "nats inbound " + subject + (queueGroup.isEmpty() ? "" : " (queue " + queueGroup + ")");
    }
}
