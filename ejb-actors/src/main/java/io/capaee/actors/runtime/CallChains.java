// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Call chains (Dapr's {@code Dapr-Reentrancy-Id}) and which actor's turn the current thread runs:
 * a call made from inside a turn belongs to that turn's chain, so that the actor it calls back into
 * can tell a reentrant call from a stranger's.
 */
final class CallChains {
    /** The actor whose turn the current thread is running, and that turn's chain. */
    record Inside(Activation activation, String chain) {}

    private final ThreadLocal<Inside> inside = new ThreadLocal<>();
    private final String prefix = UUID.randomUUID() + "-";
    private final AtomicLong chains = new AtomicLong();

    /** The caller's chain, else that of the turn this thread is running, else a new one. */
    String chain(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        Inside in = inside.get();
        return in != null ? in.chain() : prefix + chains.incrementAndGet();
    }

    /** Whether this thread is running a turn of {@code a}. */
    boolean inTurnOf(Activation a) {
        Inside in = inside.get();
        return a != null && in != null && in.activation() == a;
    }

    /** Marks this thread as running a turn of {@code a}; returns what to {@link #restore} after it. */
    Inside enter(Activation a, String chain) {
        Inside previous = inside.get();
        inside.set(new Inside(a, chain));
        return previous;
    }

    void restore(Inside previous) {
        if (previous == null) {
            inside.remove();
        } else {
            inside.set(previous);
        }
    }
}
