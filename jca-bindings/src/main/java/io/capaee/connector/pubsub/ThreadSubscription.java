// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A subscription whose handler may block for long (Reactive Messaging waits for the application's
 * ack): the same turns as {@link SubscriptionLoop}, run one after another on a thread of the
 * caller's executor rather than on the adapter's work manager, which also serves HTTP requests. A
 * message the handler refuses (or throws on) goes back to the broker at once, which delivers it
 * again later.
 */
final class ThreadSubscription implements Runnable, PubSubSubscription {
    private static final Logger LOG = Logger.getLogger(ThreadSubscription.class.getName());
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final long REOPEN_PAUSE_MILLIS = 1000;
    /** Longest wait of {@link #close} for the turn under way: a take, and a handler that is not slow. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    private static final DeliveryPolicy ONE_ATTEMPT = new DeliveryPolicy(1, 0, 0);

    private final SubscriptionTurns turns;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread runner;

    private ThreadSubscription(SubscriptionTurns turns) {
        this.turns = turns;
    }

    /** Opens the source here, until it is ready (so that a bad subscription fails the caller), then turns on a thread of {@code executor}. */
    static ThreadSubscription start(Broker broker, String topic, String group, MessageHandler handler, Executor executor) {
        SubscriptionTurns turns = new SubscriptionTurns(broker, topic, group, ONE_ATTEMPT, new DeliveryHandler() {
            @Override
            public Outcome attempt(byte[] message, int attempt) {
                return handler.handle(message) ? Outcome.DELIVERED : Outcome.RETRY;
            }

            @Override
            public boolean undelivered(byte[] message, Outcome last, int attempts) {
                return false;
            }
        });
        try {
            turns.openReady(WAIT, broker.readyWaitMillis());
        } catch (RuntimeException e) {
            turns.close();
            throw e;
        } catch (Exception e) {
            turns.close();
            throw new PubSubException("cannot subscribe to " + topic + " for group " + group + ": " + e.getMessage(), e);
        }
        ThreadSubscription subscription = new ThreadSubscription(turns);
        try {
            executor.execute(subscription);
        } catch (RuntimeException e) {
            turns.close(); // never started: it must not keep its place in the group
            throw e;
        }
        return subscription;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        boolean open = true;
        try {
            while (closing.getCount() > 0) {
                long pause;
                try {
                    if (!open) {
                        turns.open();
                        open = true;
                    }
                    pause = Math.max(0, turns.turn(WAIT, () -> closing.getCount() == 0)); // the take waited already
                } catch (Exception e) {
                    if (closing.getCount() == 0 || turns.brokerClosed()) {
                        break; // the adapter stops before the application closes its subscriptions
                    }
                    LOG.log(Level.WARNING, turns.describe() + " failed; reopening in " + REOPEN_PAUSE_MILLIS + " ms", e);
                    turns.close();
                    open = false;
                    pause = REOPEN_PAUSE_MILLIS;
                }
                if (pause > 0 && closing.await(pause, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            turns.close();
            finished.countDown();
        }
    }

    /**
     * Stops the turns and waits (at most {@value #CLOSE_WAIT_MILLIS} ms, not from its own handler)
     * until the subscription has let go of its messages.
     */
    @Override
    public void close() {
        closing.countDown();
        if (Thread.currentThread() != runner) {
            try {
                finished.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
