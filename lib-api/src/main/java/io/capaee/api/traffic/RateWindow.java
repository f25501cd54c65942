// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/** Events per second over the last minute: 60 one-second slots, each reset when its second comes round again. */
public final class RateWindow {
    private static final int SLOTS = 60;
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);

    public RateWindow(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        for (int i = 0; i < SLOTS; i++) {
            seconds.set(i, -1);
        }
    }

    public void record() {
        long second = (nanoTime.getAsLong() - start) / SECOND;
        int slot = (int) (second % SLOTS);
        long held = seconds.get(slot);
        if (held != second && seconds.compareAndSet(slot, held, second)) {
            counts.set(slot, 0); // a rare race may lose one count of the new second: a rate, not a total
        }
        counts.incrementAndGet(slot);
    }

    /** Events per second over the last 60 s (or since the start, when that is shorter), the current second included. */
    public double perSecond() {
        long now = (nanoTime.getAsLong() - start) / SECOND;
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            long s = seconds.get(i);
            if (s >= 0 && now - s < SLOTS) {
                sum += counts.get(i);
            }
        }
        double span = Math.min(SLOTS, (nanoTime.getAsLong() - start) / (double) SECOND);
        return sum / Math.max(1.0, span);
    }
}
