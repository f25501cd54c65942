// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The webhook input binding's endpoint: the events that webhook requests {@linkplain WebhookInbox
 * offer} wait in a bounded queue (a full one refuses the request with 503, so that the sender keeps
 * it), and the endpoint's turns deliver them like every other source's: in order, through the
 * {@link DeliveryLine} (retries with back-off on the adapter's timer), then to the dead letters.
 * A dead letter that cannot be written puts the event back in front (it comes again, as a Kafka
 * record whose dead letter failed); with no dead-letter binding configured a failed event is
 * logged, by id, and dropped. The queue is in memory: events accepted (202) and not yet delivered
 * when the endpoint stops are dead-lettered with the reason {@code stopped}.
 */
final class WebhookInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(WebhookInboundEndpoint.class.getName());
    private static final int MAX_PER_TURN = 100;
    private static final int MAX_REASON_CHARS = 500;

    private final WebhookInbox inbox;
    private final BlockingQueue<WebhookEvent> queue;
    private final int capacity;
    private final String target;
    private final WebhookDeadLetters deadLetters;
    private final boolean hasDeadLetters;
    private final DeliveryLine<Taken<WebhookEvent>> line;
    private final Deque<WebhookEvent> again = new ArrayDeque<>(); // touched by turns only

    WebhookInboundEndpoint(WebhookInbox inbox, int capacity, String target, DeliveryPolicy policy,
            EndpointInvoker invoker, WebhookDeadLetters deadLetters) {
        this.inbox = inbox;
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.target = target;
        this.deadLetters = deadLetters == null ? WebhookDeadLetters.NONE : deadLetters;
        this.hasDeadLetters = deadLetters != null;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, this::handBack);
    }

    /** On a request thread: queues one event; false when the queue is full or the endpoint stops. */
    boolean queue(WebhookEvent event) {
        return !stopping() && queue.offer(event);
    }

    int capacity() {
        return capacity;
    }

    @Override
    protected void open() {
        inbox.attach(this);
        up(); // nothing to connect to: requests come to us
    }

    @Override
    protected long turn() throws InterruptedException {
        if (line.isEmpty()) {
            List<WebhookEvent> taken = new ArrayList<>();
            while (!again.isEmpty() && taken.size() < MAX_PER_TURN) {
                taken.add(again.removeFirst());
            }
            if (taken.isEmpty()) {
                WebhookEvent first = queue.poll(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    return IDLE;
                }
                taken.add(first);
                queue.drainTo(taken, MAX_PER_TURN - 1);
            }
            taken.forEach(event -> line.add(new Taken<>(event, message(event))));
        }
        long wait = line.deliver(this::stopping);
        return wait > 0 ? wait : AGAIN;
    }

    private InboundMessage message(WebhookEvent event) {
        return new InboundMessage("webhook", event.webhook(), event.id(), event.body(), event.metadata(), 1,
                event.target().isEmpty() ? target : event.target());
    }

    private boolean settle(Taken<WebhookEvent> taken, DeliveryOutcome outcome) {
        if (outcome.delivered()) {
            return true;
        }
        return deadLetter(taken.original(), outcome.reason(), outcome.attempts());
    }

    /** A dead letter could not be written: the events come again, first. */
    private void handBack(List<Taken<WebhookEvent>> rest, DeliveryOutcome first) {
        for (int i = rest.size() - 1; i >= 0; i--) {
            again.addFirst(rest.get(i).original());
        }
    }

    private boolean deadLetter(WebhookEvent event, String reason, int attempts) {
        if (!hasDeadLetters) {
            LOG.log(Level.WARNING, "{0}: event {1} of webhook {2} dropped after {3} attempt(s): no deadLetterBinding",
                    new Object[] {describe(), event.id(), event.webhook(), attempts});
            return true;
        }
        String why = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        try {
            deadLetters.write(event, Map.of("capa-dead-letter-reason", why, "capa-attempts", String.valueOf(attempts),
                    "capa-original-webhook", event.webhook()));
            LOG.log(Level.WARNING, "{0}: event {1} of webhook {2} sent to the dead letters ({3}) after {4} attempt(s)",
                    new Object[] {describe(), event.id(), event.webhook(), deadLetters, attempts});
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, describe() + ": the dead letter of event " + event.id() + " to " + deadLetters
                    + " failed; it will be delivered again", e);
            return false;
        }
    }

    @Override
    protected void close() {
        inbox.detach(this);
        if (!stopping()) {
            return; // a failed turn: the events in line and in the queue wait for the reopened endpoint
        }
        // the line and the queue are memory only: what is left is dead-lettered now, or lost (and said so)
        List<WebhookEvent> left = new ArrayList<>();
        line.messages().forEach(taken -> left.add(taken.original()));
        left.addAll(again);
        queue.drainTo(left);
        again.clear();
        int lost = 0;
        for (WebhookEvent event : left) {
            if (!hasDeadLetters || !deadLetter(event, "stopped", 0)) {
                lost++;
            }
        }
        if (lost > 0) {
            LOG.log(Level.SEVERE, "{0}: {1} accepted webhook event(s) were neither delivered nor dead-lettered when it stopped",
                    new Object[] {describe(), lost});
        }
        // the line is dropped with the endpoint; handBack would only put its events in 'again'
    }

    @Override
    public String describe() {
        return "webhook inbound (queue of " + capacity + ")";
    }
}
