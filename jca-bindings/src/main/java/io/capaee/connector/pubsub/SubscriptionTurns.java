// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.DeliveryHandler.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscription's deliveries, the same for every broker: take, deliver, acknowledge or release.
 * A turn takes a batch from the source when it has none and delivers its messages in order, one
 * attempt each. A message whose attempt asks for a retry while the policy has attempts left stays
 * first in line, and the turn ends with the pause before its next attempt: whoever runs the turns
 * (a timer, not a sleeping thread) brings the retry, and nothing behind it overtakes it. A message
 * delivered is acknowledged; one dropped or out of attempts goes to the handler's
 * {@link DeliveryHandler#undelivered}, then is acknowledged or released as it answers. Turns never
 * overlap (their runner's contract), so nothing here is locked.
 */
final class SubscriptionTurns {
    private static final Logger LOG = Logger.getLogger(SubscriptionTurns.class.getName());
    /** What {@link #turn} returns when the source had nothing. */
    static final long IDLE = -1;

    private final Broker broker;
    private final String topic;
    private final String group;
    private final DeliveryPolicy policy;
    private final DeliveryHandler handler;
    // touched by turns only (and by the caller of openReady, before the turns start)
    private final Deque<BrokerMessage> batch = new ArrayDeque<>();
    private BrokerSource source;
    private int attempts; // of the first message of the batch
    private boolean ready;

    SubscriptionTurns(Broker broker, String topic, String group, DeliveryPolicy policy, DeliveryHandler handler) {
        this.broker = broker;
        this.topic = topic;
        this.group = group;
        this.policy = policy;
        this.handler = handler;
    }

    /** The source's lag ({@link BrokerSource#lag}); called by a turn. */
    long lag() throws Exception {
        return source == null ? -1 : source.lag();
    }

    /** Joins the group (again after a failure). */
    void open() throws Exception {
        source = broker.open(topic, group);
        markReady();
    }

    /**
     * Opens on the caller's thread, before the turns start, and takes until the source is ready
     * (Kafka: the group assigned the partitions), at most {@code readyWaitMillis}; what it takes
     * meanwhile is delivered by the first turn. So a subscription receives what is published once
     * this returned, without waiting for a work manager that may run no work yet (an application
     * that is starting).
     *
     * @return whether the source is ready
     */
    boolean openReady(Duration wait, long readyWaitMillis) throws Exception {
        open();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readyWaitMillis);
        while (!ready && System.nanoTime() - deadline < 0) {
            batch.addAll(source.take(wait));
            markReady();
        }
        if (!ready) {
            LOG.log(Level.WARNING, "{0} is not ready within {1} ms; it receives once it is",
                    new Object[] {describe(), readyWaitMillis});
        }
        return ready;
    }

    /**
     * Delivers what the batch holds, taking a new one (waiting at most {@code wait}) when it is empty.
     *
     * @return {@link #IDLE} when the source had nothing, 0 when the next turn may follow at once, else
     *     the milliseconds until the first message's next attempt
     */
    long turn(Duration wait, BooleanSupplier stopping) throws Exception {
        if (batch.isEmpty()) {
            batch.addAll(source.take(wait));
            markReady();
            if (batch.isEmpty()) {
                return IDLE;
            }
        }
        while (!batch.isEmpty() && !stopping.getAsBoolean()) {
            BrokerMessage message = batch.peekFirst();
            if (message.stale()) {
                batch.removeFirst();
                attempts = 0;
                continue;
            }
            int attempt = ++attempts;
            Outcome outcome = attempt(message, attempt);
            if (outcome == Outcome.RETRY && policy.retriesAfter(attempt)) {
                return policy.backoffBefore(attempt + 1);
            }
            batch.removeFirst();
            attempts = 0;
            settle(message, outcome, attempt);
        }
        return 0;
    }

    private Outcome attempt(BrokerMessage message, int attempt) {
        try {
            return handler.attempt(message.data(), message.headers(), attempt);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a handler of topic " + topic + " (group " + group + ") failed", e);
            return Outcome.RETRY;
        }
    }

    private void settle(BrokerMessage message, Outcome outcome, int attempt) {
        if (outcome == Outcome.DELIVERED) {
            message.ack();
            return;
        }
        boolean forget;
        try {
            forget = handler.undelivered(message.data(), outcome, attempt);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an undelivered message of topic " + topic + " (group " + group
                    + ") could not be dealt with; the broker will deliver it again", e);
            forget = false;
        }
        if (forget) {
            message.ack();
        } else {
            message.release();
        }
    }

    /** Hands back what was taken and not settled, then lets go of the source; must not throw. */
    void close() {
        for (BrokerMessage message : batch) {
            if (!message.stale()) {
                try {
                    message.abandon();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "handing a message of " + topic + " back failed", e);
                }
            }
        }
        batch.clear();
        attempts = 0;
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private void markReady() {
        ready = ready || source.ready();
    }

    /** The adapter closed the broker: nothing more can be read, and no one needs to be told. */
    boolean brokerClosed() {
        return broker.stopped();
    }

    String describe() {
        return "pub/sub subscription of group " + group + " to " + topic;
    }
}
