// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a NATS connection reports, in the server log with a bound: jnats's own listener writes one
 * line per discarded message, so a slow consumer that drops a flood of messages (a server stopping
 * while a subject is busy) wrote gigabytes of log. Discarded messages and slow-consumer reports are
 * counted and logged at most once a minute per connection, with the count since the last line;
 * errors and exceptions are logged each time.
 */
final class NatsErrorLog implements ErrorListener {
    private static final Logger LOG = Logger.getLogger(NatsErrorLog.class.getName());
    static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String connectionName;
    private final LongSupplier nanoTime;
    private final Bounded discarded = new Bounded();
    private final Bounded slow = new Bounded();

    NatsErrorLog(String connectionName, LongSupplier nanoTime) {
        this.connectionName = connectionName;
        this.nanoTime = nanoTime;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        LOG.log(Level.WARNING, "NATS connection {0}: the server reported an error: {1}", new Object[] {connectionName, error});
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        LOG.log(Level.WARNING, "NATS connection {0}: {1}", new Object[] {connectionName, exp.toString()});
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        slow.report(nanoTime.getAsLong(), count -> LOG.log(Level.WARNING,
                "NATS connection {0}: a consumer falls behind ({1} report(s) in the last minute or since the last line)",
                new Object[] {connectionName, count}));
    }

    @Override
    public void messageDiscarded(Connection conn, Message msg) {
        discarded.report(nanoTime.getAsLong(), count -> LOG.log(Level.WARNING,
                "NATS connection {0}: {1} message(s) discarded by a consumer that fell behind (its pending limits)",
                new Object[] {connectionName, count}));
    }

    @Override
    public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence, long lastConsumerSequence) {
        LOG.log(Level.FINE, "NATS connection {0}: heartbeat alarm", connectionName);
    }

    @Override
    public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
        LOG.log(Level.FINE, "NATS connection {0}: unhandled status {1}", new Object[] {connectionName, status});
    }

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        LOG.log(Level.FINE, "NATS connection {0}: pull status {1}", new Object[] {connectionName, status});
    }

    @Override
    public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
        LOG.log(Level.WARNING, "NATS connection {0}: pull error {1}", new Object[] {connectionName, status});
    }

    @Override
    public void socketWriteTimeout(Connection conn) {
        LOG.log(Level.WARNING, "NATS connection {0}: a socket write timed out; the connection reconnects", connectionName);
    }

    /** Counts reports and lets one line through per quiet period, with the count since the last line. */
    static final class Bounded {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);

        void report(long now, LongConsumer line) {
            count.incrementAndGet();
            long next = nextLineAt.get();
            if ((next == Long.MIN_VALUE || now - next >= 0) && nextLineAt.compareAndSet(next, now + QUIET_NANOS)) {
                line.accept(count.getAndSet(0));
            }
        }
    }
}
