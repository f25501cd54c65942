// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.rabbitmq;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import io.capaee.connector.rabbitmq.RabbitMqSubscription;
import io.capaee.connector.rabbitmq.RabbitMqSubscription.Arrived;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a {@link RabbitMqSubscription} (manual acknowledgements), a batch a turn, and delivers each
 * message in order with retries. A message is acknowledged to the broker only once delivered, or
 * published to the dead-letter queue (with the headers {@code capa-dead-letter-reason},
 * {@code capa-attempts} and {@code capa-original-queue}). When neither happened (or the endpoint
 * stops) the connection is closed with the message unacknowledged: the broker puts it, and what
 * followed it, back in the queue, and the next connection gets them again.
 */
final class RabbitMqInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(RabbitMqInboundEndpoint.class.getName());
    private static final int MAX_REASON_CHARS = 500;

    private final RabbitMqSettings settings;
    private final RabbitMqSubscription.Queue queue;
    private final int prefetch;
    private final String deadLetterQueue;
    private final String target;
    private final DeliveryLine<Taken<Arrived>> line;
    // touched by turns only
    private RabbitMqSubscription source;
    private boolean sendAgain;

    RabbitMqInboundEndpoint(RabbitMqSettings settings, RabbitMqSubscription.Queue queue, int prefetch, String deadLetterQueue,
            String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.settings = settings;
        this.queue = queue;
        this.prefetch = prefetch;
        this.deadLetterQueue = deadLetterQueue;
        this.target = target;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, (messages, first) -> sendAgain = true);
    }

    @Override
    protected void open() throws Exception {
        sendAgain = false;
        source = RabbitMqSubscription.open(settings, "capa-ee-inbound-" + queue.name(), queue, prefetch);
    }

    @Override
    protected long turn() throws Exception {
        long wait = deliver();
        if (wait > 0 || stopping()) {
            return wait;
        }
        var taken = source.take(TURN_WAIT, prefetch); // fails when the connection was lost: the loop reopens it
        up();
        if (taken.isEmpty()) {
            return IDLE;
        }
        taken.forEach(message -> line.add(taken(message)));
        return deliver();
    }

    /** Delivers what is in line; a message that could not be settled makes the queue send it again. */
    private long deliver() {
        long wait = line.deliver(this::stopping);
        if (sendAgain) {
            throw new IllegalStateException("a message of queue " + queue.name() + " was neither delivered nor"
                    + " dead-lettered; reconnecting so that the broker sends it again");
        }
        return wait;
    }

    @Override
    protected void close() {
        line.handBack(); // not acknowledged: the broker puts them back in the queue when the connection closes
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private Taken<Arrived> taken(Arrived message) {
        Map<String, String> metadata = RabbitMqClients.headers(message.properties());
        if (message.properties() != null && message.properties().getContentType() != null) {
            metadata.put("contentType", message.properties().getContentType());
        }
        metadata.put("queue", queue.name());
        metadata.put("exchange", message.envelope().getExchange());
        metadata.put("routingKey", message.envelope().getRoutingKey());
        metadata.put("redelivered", Boolean.toString(message.envelope().isRedeliver()));
        return new Taken<>(message, new InboundMessage("rabbitmq", queue.name(), null, message.body(), metadata, 1, target));
    }

    /** Acknowledges a message delivered or dead-lettered; false (it must come again) when neither. */
    private boolean settle(Taken<Arrived> taken, DeliveryOutcome outcome) {
        if (!outcome.delivered() && !deadLetter(taken.original(), outcome)) {
            return false;
        }
        try {
            source.acknowledge(taken.original());
        } catch (IOException | RuntimeException e) {
            // settled: the broker will send it again on the next connection (at-least-once)
            LOG.log(Level.WARNING, describe() + ": acknowledging a message failed", e);
        }
        return true;
    }

    private boolean deadLetter(Arrived message, DeliveryOutcome outcome) {
        Map<String, String> headers = RabbitMqClients.headers(message.properties());
        String reason = outcome.reason().replaceAll("[\\r\\n]+", " ");
        headers.put("capa-dead-letter-reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        headers.put("capa-attempts", Integer.toString(outcome.attempts()));
        headers.put("capa-original-queue", queue.name());
        String contentType = message.properties() == null ? null : message.properties().getContentType();
        try {
            source.publishToQueue(deadLetterQueue, RabbitMqClients.properties(headers, contentType, true), message.body(),
                    settings.timeoutMillis());
            LOG.log(Level.WARNING, "{0}: message sent to dead-letter queue {1} after {2} attempt(s)",
                    new Object[] {describe(), deadLetterQueue, outcome.attempts()});
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, describe() + ": dead letter to " + deadLetterQueue + " failed; the message will come again", e);
            return false;
        }
    }

    @Override
    public String describe() {
        return "rabbitmq inbound " + queue.name() + " (" + settings.url() + ")";
    }
}
