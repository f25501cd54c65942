// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.function.LongSupplier;

/**
 * The breaker of one upstream of one rule: closed (traffic flows), open (none, for
 * {@code openFor}), half-open (one probe request; its outcome closes or re-opens it).
 *
 * <p>Why not MicroProfile Fault Tolerance's {@code @CircuitBreaker}: its breakers belong to
 * annotated methods, one per method (per bean class), with thresholds fixed when the application
 * starts (annotation values or MP Config read once). Here a breaker exists per rule and upstream,
 * both created and re-configured at runtime through the admin API or the shared store, so FT's
 * annotations cannot express them. This is the same state machine (consecutive failures instead of
 * a rolling ratio), small enough to read in one go. Thread-safe; the clock is injected for tests.
 */
public final class CircuitBreaker {
    /** The three states, as the JSON view and the metrics name them. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final BreakerSettings settings;
    private final LongSupplier nanoTime;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean probing;
    private long probeAt;

    public CircuitBreaker(BreakerSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    public BreakerSettings settings() {
        return settings;
    }

    /** True when a request may go to this upstream now; in half-open, true once (the probe). */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoTime.getAsLong() - openedAt < settings.openFor().toNanos()) {
                    return false;
                }
                state = State.HALF_OPEN;
                return probe();
            default:
                // a probe whose outcome never came (its caller failed before telling) is given up
                // after one more open period, so that the upstream is not held off for ever
                if (probing && nanoTime.getAsLong() - probeAt < settings.openFor().toNanos()) {
                    return false;
                }
                return probe();
        }
    }

    private boolean probe() {
        probing = true;
        probeAt = nanoTime.getAsLong();
        return true;
    }

    /** Whether {@link #tryAcquire} would let a request through, without taking the probe. */
    public synchronized boolean available() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> nanoTime.getAsLong() - openedAt >= settings.openFor().toNanos();
            case HALF_OPEN -> !probing || nanoTime.getAsLong() - probeAt >= settings.openFor().toNanos();
        };
    }

    public synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        probing = false;
    }

    public synchronized void failure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= settings.failures()) {
            state = State.OPEN;
            openedAt = nanoTime.getAsLong();
            probing = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= settings.openFor().toNanos()) {
            return State.HALF_OPEN; // the next request probes
        }
        return state;
    }
}
