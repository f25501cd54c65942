// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Round-robin over a revision's URLs with passive health. Each revision has its own counter
 * (Capsule shared one unsynchronised counter between all routes, B6); an upstream that failed to
 * connect or timed out is skipped for {@code unhealthyFor}, unless every URL not yet tried is
 * unhealthy, in which case it is tried anyway (it may be back). Thread-safe.
 */
final class Upstreams {
    private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> unhealthyUntil = new ConcurrentHashMap<>();
    private final long unhealthyNanos;
    private final LongSupplier nanoTime;

    Upstreams(Duration unhealthyFor, LongSupplier nanoTime) {
        this.unhealthyNanos = unhealthyFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The first index to try for this request: the revision's counter, advanced. */
    int start(String function, String revision, int size) {
        if (size <= 1) {
            return 0;
        }
        AtomicInteger counter = counters.computeIfAbsent(function + '\n' + revision, k -> new AtomicInteger());
        return Math.floorMod(counter.getAndIncrement(), size);
    }

    /**
     * The next URL index to try, from {@code start}, skipping the {@code tried} ones (a bit set)
     * and preferring healthy ones; -1 when every URL has been tried.
     */
    int next(List<String> urls, int start, long tried) {
        int n = urls.size();
        int fallback = -1;
        for (int i = 0; i < n && i < 64; i++) {
            int index = (start + i) % n;
            if ((tried & (1L << index)) != 0) {
                continue;
            }
            if (healthy(urls.get(index))) {
                return index;
            }
            if (fallback < 0) {
                fallback = index;
            }
        }
        return fallback;
    }

    boolean healthy(String url) {
        if (unhealthyUntil.isEmpty()) {
            return true;
        }
        Long until = unhealthyUntil.get(url);
        if (until == null) {
            return true;
        }
        if (nanoTime.getAsLong() - until >= 0) {
            unhealthyUntil.remove(url, until);
            return true;
        }
        return false;
    }

    /** How many URLs are marked unhealthy now. */
    int unhealthy() {
        long now = nanoTime.getAsLong();
        return (int) unhealthyUntil.values().stream().filter(until -> now - until < 0).count();
    }

    void markUnhealthy(String url) {
        unhealthyUntil.put(url, nanoTime.getAsLong() + unhealthyNanos);
    }

    void markHealthy(String url) {
        if (!unhealthyUntil.isEmpty()) {
            unhealthyUntil.remove(url);
        }
    }
}
