// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in buckets that grow by a quarter each (from 10 µs to about 2 minutes), so
 * a percentile is read to within 25 % with a fixed, small memory and a lock-free record.
 */
public final class LatencyHistogram {
    private static final double GROWTH = 1.25;
    private static final long FIRST_NANOS = 10_000;
    private static final int BUCKETS = 75;
    private static final long[] UPPER = new long[BUCKETS];

    static {
        double bound = FIRST_NANOS;
        for (int i = 0; i < BUCKETS; i++) {
            UPPER[i] = (long) bound;
            bound *= GROWTH;
        }
    }

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    public void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    private static int bucket(long nanos) {
        int lo = 0;
        int hi = BUCKETS;
        while (lo < hi) { // first bound >= nanos
            int mid = (lo + hi) >>> 1;
            if (UPPER[mid] < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The upper bound of the bucket holding the {@code q} quantile (0-1), in nanoseconds; 0 when
     * nothing was recorded.
     */
    public long quantile(double q) {
        long total = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return i < BUCKETS ? UPPER[i] : Long.MAX_VALUE;
            }
        }
        return UPPER[BUCKETS - 1];
    }
}
