// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Write counters of one key/value connection factory, one per stripe of keys (keys hash to 64
 * stripes), so that a reader can tell "nothing here wrote this key since I read it" with one
 * volatile read and no connection (the proxy's route table asks on every route miss). Bumped
 * after the write, so a reader that sees the new stamp also sees the new value.
 */
final class WriteStamps {
    private static final int STRIPES = 64;
    private final AtomicLongArray counters = new AtomicLongArray(STRIPES);

    long stamp(String key) {
        return counters.get(stripe(key));
    }

    void bump(String key) {
        counters.incrementAndGet(stripe(key));
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
