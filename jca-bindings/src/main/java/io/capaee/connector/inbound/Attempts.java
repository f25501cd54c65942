// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.DeliveryPolicy;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The attempts at the message first in line, kept between turns: how many were made, the last
 * failure, and when the next one is due. Instead of sleeping out a back-off, a turn asks
 * {@link #millisUntilDue()} and ends with that pause; the turn after it makes the next attempt.
 * Used by one turn at a time (turns never overlap), so nothing here is locked.
 */
public final class Attempts {
    private final DeliveryPolicy policy;
    private final LongSupplier nanoTime;
    private int made;
    private long dueNanos;
    private Throwable lastFailure;

    public Attempts(DeliveryPolicy policy) {
        this(policy, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds ({@link System#nanoTime()} but in tests) */
    public Attempts(DeliveryPolicy policy, LongSupplier nanoTime) {
        this.policy = policy;
        this.nanoTime = nanoTime;
    }

    public DeliveryPolicy policy() {
        return policy;
    }

    /** The attempts made so far at the message first in line. */
    public int made() {
        return made;
    }

    /** Whether a first attempt failed and the message waits for another. */
    public boolean retrying() {
        return made > 0;
    }

    /** 0 when the next attempt may run now, else the milliseconds until it may (rounded up). */
    public long millisUntilDue() {
        if (made == 0) {
            return 0;
        }
        long left = dueNanos - nanoTime.getAsLong();
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
    }

    /** Counts an attempt that is about to run; returns its number (from 1). */
    public int next() {
        return ++made;
    }

    /**
     * Counts {@code made} attempts made elsewhere, the last of which failed with {@code failure}
     * (a sender that tried a whole batch at once goes on here with the message that failed).
     *
     * @return whether another attempt follows (then due after the back-off)
     */
    public boolean madeElsewhere(int made, Throwable failure) {
        this.made = made;
        return failed(failure);
    }

    /**
     * Records that the attempt just made failed.
     *
     * @return whether another attempt follows, due after the policy's back-off
     */
    public boolean failed(Throwable failure) {
        lastFailure = failure;
        if (!policy.retriesAfter(made) || made < 0) { // made < 0: wrapped around at MAX_VALUE
            return false;
        }
        dueNanos = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(policy.backoffBefore(made + 1));
        return true;
    }

    /** How the message's delivery ended, once delivered or out of attempts; then starts over for the next one. */
    public DeliveryOutcome settle(boolean delivered) {
        DeliveryOutcome outcome = delivered ? DeliveryOutcome.delivered(made)
                : new DeliveryOutcome(false, made, lastFailure);
        reset();
        return outcome;
    }

    /** The outcome of a message handed back unsettled (the endpoint stops); starts over. */
    public DeliveryOutcome stopped() {
        DeliveryOutcome outcome = DeliveryOutcome.stopped(made);
        reset();
        return outcome;
    }

    private void reset() {
        made = 0;
        dueNanos = 0;
        lastFailure = null;
    }
}
