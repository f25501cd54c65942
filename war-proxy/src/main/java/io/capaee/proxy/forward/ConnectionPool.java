// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections per upstream origin, reused last-in first-out (the warmest socket
 * first, and the surplus ages out at the back). No limit on connections in use: each one carries
 * the request of one container thread, so the container's thread pool bounds them; at most
 * {@code maxIdle} per origin are kept, the rest closed. Lock-free and thread-safe.
 */
final class ConnectionPool {
    private final ConcurrentHashMap<String, Idle> idle = new ConcurrentHashMap<>();
    private final int maxIdle;

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
        long now = System.nanoTime();
        for (UpstreamConnection c; (c = pool.connections.pollFirst()) != null;) {
            pool.size.decrementAndGet();
            if (!c.closedByPeer(now)) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** Back into the pool after a complete exchange on a connection the upstream keeps open. */
    void release(String origin, UpstreamConnection c) {
        Idle pool = idle.computeIfAbsent(origin, k -> new Idle());
        if (pool.size.incrementAndGet() > maxIdle) {
            pool.size.decrementAndGet();
            c.close();
            return;
        }
        c.idle(System.nanoTime());
        pool.connections.offerFirst(c);
    }

    void closeAll() {
        idle.values().forEach(pool -> {
            for (UpstreamConnection c; (c = pool.connections.pollFirst()) != null;) {
                c.close();
            }
        });
        idle.clear();
    }
}
