// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Message counts and the last error of one connector; written by its work, read by status calls. */
final class ConnectorCounters {
    private static final int MAX_ERROR_CHARS = 500;

    private final Clock clock;
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile boolean connected;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    ConnectorCounters(Clock clock) {
        this.clock = clock;
    }

    void connected(boolean now) {
        connected = now;
    }

    boolean connected() {
        return connected;
    }

    /** A polled batch of {@code count} messages: one update per batch, not per message. */
    void in(int count) {
        in.addAndGet(count);
    }

    void out() {
        out.incrementAndGet();
    }

    void deadLettered() {
        deadLetters.incrementAndGet();
    }

    void error(Throwable e) {
        errors.incrementAndGet();
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        text = text.replaceAll("[\\r\\n]+", " ");
        lastError = text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text;
        lastErrorAt = clock.instant();
    }

    long inCount() {
        return in.get();
    }

    long outCount() {
        return out.get();
    }

    long errorCount() {
        return errors.get();
    }

    long deadLetterCount() {
        return deadLetters.get();
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }
}
