// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Idle keep-alive connections per upstream origin, reused last-in first-out (the warmest socket
 * first, and the surplus ages out at the back). No limit on connections in use: each one carries
 * the request of one container thread, so the container's thread pool bounds them; at most
 * {@code maxIdle} per origin are kept, the rest closed. Lock-free and thread-safe.
 */
final class ConnectionPool {
    /** Idle longer than this, a connection is closed by the next sweep (routes change; upstreams go away). */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ConcurrentHashMap<String, Idle> idle = new ConcurrentHashMap<>();
    private final int maxIdle;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private volatile boolean closed;

    private static final class Idle {
        final ConcurrentLinkedDeque<UpstreamConnection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }

    ConnectionPool(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /** An idle connection to the origin that the upstream has not closed meanwhile, or null. */
    UpstreamConnection lease(String origin) {
        Idle pool = idle.get(origin);
        if (pool == null) {
            return null;
        }
        for (UpstreamConnection c; (c = pool.connections.pollFirst()) != null;) {
            pool.size.decrementAndGet();
            if (!c.closedByPeer()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** Back into the pool after a complete exchange on a connection the upstream keeps open. */
    void release(String origin, UpstreamConnection c) {
        if (closed) {
            c.close(); // released after the servlet was destroyed: nothing would ever close it
            return;
        }
        Idle pool = idle.computeIfAbsent(origin, k -> new Idle());
        if (pool.size.incrementAndGet() > maxIdle) {
            pool.size.decrementAndGet();
            c.close();
            return;
        }
        long now = System.nanoTime();
        c.idle(now);
        pool.connections.offerFirst(c);
        sweepIfDue(now);
    }

    /**
     * Closes connections idle for over {@link #MAX_IDLE_NANOS} in every origin's pool, at most once
     * per {@link #SWEEP_EVERY_NANOS}, so upstreams no longer routed to do not keep sockets (in
     * CLOSE_WAIT once they close their end) for the life of the application.
     */
    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        idle.forEach((origin, pool) -> {
            // the oldest are at the back (connections are offered and leased at the front)
            for (UpstreamConnection c; (c = pool.connections.peekLast()) != null && now - c.idleSince() > MAX_IDLE_NANOS;) {
                if (pool.connections.removeLastOccurrence(c)) {
                    pool.size.decrementAndGet();
                    c.close();
                }
            }
        });
    }

    void closeAll() {
        closed = true;
        idle.values().forEach(pool -> {
            for (UpstreamConnection c; (c = pool.connections.pollFirst()) != null;) {
                c.close();
            }
        });
        idle.clear();
    }
}
