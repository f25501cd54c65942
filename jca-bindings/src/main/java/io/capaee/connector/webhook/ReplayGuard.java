// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of the requests one webhook accepted within the tolerance, so that the same
 * request sent again (a replay: same body, same signature) is refused. Each is forgotten once it
 * is older than the tolerance, when a Stripe-style timestamp would refuse it anyway; at most
 * {@code capacity} are kept (the oldest go first), which bounds the memory a flood of valid
 * requests can take. Kept in this server's memory: servers behind one balancer each keep their own.
 * Thread-safe.
 */
public final class ReplayGuard {
    private final Duration window;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>(); // guarded by this; oldest first

    public ReplayGuard(Duration window, int capacity, Clock clock) {
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Records {@code signature}; false when it was recorded before and is not forgotten yet. */
    public synchronized boolean firstTime(String signature) {
        Instant now = clock.instant();
        forgetOlderThan(now.minus(window));
        if (seen.containsKey(signature)) {
            return false;
        }
        seen.put(signature, now);
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Forgets {@code signature}: the request it came with was not taken, and its sender may send it again. */
    public synchronized void forget(String signature) {
        seen.remove(signature);
    }

    synchronized int size() {
        return seen.size();
    }

    private void forgetOlderThan(Instant limit) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue().isBefore(limit)) {
                entries.remove();
            } else {
                return; // in order of arrival: the rest is younger
            }
        }
    }
}
