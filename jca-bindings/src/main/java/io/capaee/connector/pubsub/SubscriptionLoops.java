// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.inbound.WorkPacer;
import jakarta.resource.spi.work.WorkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The adapter's running pub/sub subscriptions ({@link SubscriptionLoop}s on its work manager):
 * each stops when its subscription is closed, and all stop when the adapter stops.
 */
public final class SubscriptionLoops {
    private static final Logger LOG = Logger.getLogger(SubscriptionLoops.class.getName());
    /** How long closing a subscription waits for the delivery under way, so that it has let go of its messages. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    private static final long STOP_WAIT_MILLIS = 15_000;

    private final WorkPacer pacer;
    private final Set<SubscriptionLoop> running = ConcurrentHashMap.newKeySet();

    public SubscriptionLoops(WorkPacer pacer) {
        this.pacer = pacer;
    }

    /** Where a subscription's attempts beyond the first of a window run: the adapter's work manager. */
    Executor attempts() {
        return pacer.executor();
    }

    /**
     * Opens the subscription here (a failure is the caller's) and starts its turns; returns once
     * the source is ready, or after {@code readyWaitMillis} (logged).
     */
    PubSubSubscription start(SubscriptionTurns turns, long readyWaitMillis) {
        try {
            turns.openReady(Duration.ofMillis(100), readyWaitMillis);
        } catch (RuntimeException e) {
            turns.close();
            throw e;
        } catch (Exception e) {
            turns.close();
            throw new PubSubException("cannot open " + turns.describe() + ": " + e.getMessage(), e);
        }
        SubscriptionLoop loop = new SubscriptionLoop(turns);
        running.add(loop);
        try {
            loop.start(pacer);
        } catch (WorkException | RuntimeException e) {
            running.remove(loop);
            loop.stopHere();
            throw new PubSubException("the work manager refused " + loop.describe() + ": " + e.getMessage(), e);
        }
        return new PubSubSubscription() {
            @Override
            public long lag() {
                return loop.lag().orElse(-1);
            }

            @Override
            public void close() {
                stop(loop, CLOSE_WAIT_MILLIS);
            }
        };
    }

    /** Closes here when no turn runs: while an application or the adapter stops, the work manager may run no more work. */
    private void stop(SubscriptionLoop loop, long waitMillis) {
        if (running.remove(loop)) {
            loop.stopHere();
            await(loop, waitMillis);
        }
    }

    /** Stops every subscription (the adapter stops). */
    public void stopAll() {
        List<SubscriptionLoop> all = new ArrayList<>(running);
        running.clear();
        all.forEach(SubscriptionLoop::stopHere);
        all.forEach(loop -> await(loop, STOP_WAIT_MILLIS));
    }

    private static void await(SubscriptionLoop loop, long millis) {
        try {
            if (!loop.awaitStopped(millis)) {
                LOG.log(Level.WARNING, "{0} did not stop within {1} ms", new Object[] {loop.describe(), millis});
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int size() {
        return running.size();
    }
}
