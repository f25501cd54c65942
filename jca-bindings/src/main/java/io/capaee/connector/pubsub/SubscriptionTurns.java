// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.DeliveryHandler.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscription's deliveries, the same for every broker: take, deliver, acknowledge or release.
 * A turn takes a batch from the source when it has none and delivers its messages in order, one
 * attempt each; a subscription that allows more than one attempt at once has the first messages
 * of the batch (its window) attempted side by side, one on the turn's thread and the
 * others on the executor. A message whose attempt asks for a retry while the policy has attempts
 * left stays in line, and the turn ends with the pause before its next attempt: whoever runs the
 * turns (a timer, not a sleeping thread) brings the retry, and nothing behind the window overtakes
 * it. Messages are settled in the broker's order (Kafka commits an offset for all before it): one
 * delivered is acknowledged once those before it are settled; one dropped or out of attempts goes to
 * the handler's {@link DeliveryHandler#undelivered}, then is acknowledged or released as it answers.
 * Turns never overlap (their runner's contract), so nothing here is locked.
 */
final class SubscriptionTurns {
    private static final Logger LOG = Logger.getLogger(SubscriptionTurns.class.getName());
    /** What {@link #turn} returns when the source had nothing. */
    static final long IDLE = -1;
    private static final long NO_RETRY = -1;

    private final Broker broker;
    private final String topic;
    private final String group;
    private final DeliveryPolicy policy;
    private final DeliveryHandler handler;
    private final int window;
    private final Executor sideBySide;
    // touched by turns only (and by the caller of openReady, before the turns start)
    private final Deque<InHand> batch = new ArrayDeque<>();
    private BrokerSource source;
    private boolean ready;

    /** A message of the batch and what its attempts came to so far. */
    private static final class InHand {
        final BrokerMessage message;
        // written by the thread of its attempt, read by the turn once every attempt of the window ended
        int attempts;
        Outcome outcome; // of the last attempt; null while the next attempt is due

        InHand(BrokerMessage message) {
            this.message = message;
        }
    }

    /** A subscription whose handler is called on the turn's thread only, one message at a time. */
    SubscriptionTurns(Broker broker, String topic, String group, DeliveryPolicy policy, DeliveryHandler handler) {
        this(broker, topic, group, policy, handler, 1, Runnable::run);
    }

    /**
     * @param window how many messages may be attempted at once (the handler must be thread-safe when more than one)
     * @param sideBySide where the attempts of a window beyond the first run (a work manager)
     * @throws IllegalArgumentException when {@code window} is below 1
     */
    SubscriptionTurns(Broker broker, String topic, String group, DeliveryPolicy policy, DeliveryHandler handler,
            int window, Executor sideBySide) {
        if (window < 1) {
            throw new IllegalArgumentException("maxConcurrentAttempts must be at least 1, not " + window);
        }
        this.broker = broker;
        this.topic = topic;
        this.group = group;
        this.policy = policy;
        this.handler = handler;
        this.window = window;
        this.sideBySide = sideBySide;
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
            take(wait);
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
     *     the milliseconds until the next attempts
     */
    long turn(Duration wait, BooleanSupplier stopping) throws Exception {
        if (batch.isEmpty()) {
            take(wait);
            if (batch.isEmpty()) {
                return IDLE;
            }
        }
        while (!batch.isEmpty() && !stopping.getAsBoolean()) {
            attemptAll(due());
            long retry = settleInOrder();
            if (retry != NO_RETRY) {
                return retry;
            }
        }
        return 0;
    }

    private void take(Duration wait) throws Exception {
        for (BrokerMessage message : source.take(wait)) {
            batch.add(new InHand(message));
        }
        markReady();
    }

    /**
     * The messages of the window (the first {@link #window} of the batch that are not stale) whose attempt
     * is due; the stale ones it passes leave the batch.
     */
    private List<InHand> due() {
        List<InHand> due = new ArrayList<>(Math.min(window, batch.size()));
        int inWindow = 0;
        for (Iterator<InHand> it = batch.iterator(); it.hasNext() && inWindow < window; ) {
            InHand m = it.next();
            if (m.message.stale()) {
                it.remove();
                continue;
            }
            inWindow++;
            if (m.outcome == null) {
                due.add(m);
            }
        }
        return due;
    }

    /**
     * Attempts {@code due}, side by side when more than one, and returns once every attempt ended, even when
     * one failed with an {@link Error}, which is then thrown here, on the turn's thread (as a failure of
     * the turn), so that no attempt outlives its turn.
     */
    private void attemptAll(List<InHand> due) {
        if (due.size() <= 1) {
            due.forEach(this::attempt);
            return;
        }
        List<Claimable> others = new ArrayList<>(due.size() - 1);
        for (InHand m : due.subList(1, due.size())) {
            Claimable other = new Claimable(m);
            others.add(other);
            try {
                sideBySide.execute(other);
            } catch (RuntimeException e) {
                // refused (the work manager is full or stopping): this thread makes it below
            }
        }
        Error failure = null;
        try {
            attempt(due.get(0));
        } catch (Error e) {
            failure = e;
        }
        for (Claimable other : others) {
            other.runOrAwait();
            failure = failure != null ? failure : other.failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * An attempt of a window, made by whichever thread claims it first: a work-manager thread, or the
     * turn's own thread once it made its own attempt. So the turn never waits for an attempt that has
     * not started, which a work manager whose threads all wait this way would never start.
     */
    private final class Claimable implements Runnable {
        private final InHand message;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        /** An Error of the attempt, for the turn to throw: on a work-manager thread it would go unseen. */
        private Error failure; // read after done

        Claimable(InHand message) {
            this.message = message;
        }

        @Override
        public void run() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    attempt(message);
                } catch (Error e) {
                    failure = e;
                } finally {
                    done.countDown();
                }
            }
        }

        /** Makes the attempt here unless another thread has; then waits for it to end. */
        void runOrAwait() {
            run();
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the attempt under way must end before its message can be settled
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void attempt(InHand m) {
        int attempt = ++m.attempts;
        try {
            m.outcome = handler.attempt(m.message.data(), m.message.headers(), attempt);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a handler of topic " + topic + " (group " + group + ") failed", e);
            m.outcome = Outcome.RETRY;
        }
    }

    /**
     * Marks the window's messages that retry as due again, then settles the messages at the head of the
     * batch that are done.
     *
     * @return the pause before the retries (the longest back-off among them, so that none is tried
     *     sooner than the policy says), or {@link #NO_RETRY}
     */
    private long settleInOrder() {
        long retry = NO_RETRY;
        for (InHand m : batch) {
            if (m.outcome == null) { // past the window: never tried yet
                break;
            }
            if (m.outcome == Outcome.RETRY && policy.retriesAfter(m.attempts)) {
                m.outcome = null;
                retry = Math.max(retry, policy.backoffBefore(m.attempts + 1));
            }
        }
        while (!batch.isEmpty() && batch.peekFirst().outcome != null) {
            InHand m = batch.removeFirst();
            if (!m.message.stale()) {
                settle(m.message, m.outcome, m.attempts);
            }
        }
        return retry;
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
        for (InHand m : batch) { // a message delivered but not yet acknowledged too: at least once
            if (!m.message.stale()) {
                try {
                    m.message.abandon();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "handing a message of " + topic + " back failed", e);
                }
            }
        }
        batch.clear();
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
