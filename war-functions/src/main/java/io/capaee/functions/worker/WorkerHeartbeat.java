// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.routes.ServerAnnouncement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The workers of the servers sharing one route table, seen by their heartbeats: each server's
 * worker writes, once per {@code capa.desired-state.interval}, until when it counts as alive (the
 * beat's time plus its own {@code capa.worker.heartbeat-lapse}) at
 * {@code <routes-key>:workers:<capa.worker.local-url>} in the key/value store, and drops from the
 * route table every URL of a worker whose time is past. Each worker states its own lapse, so
 * servers with different intervals judge each other by the beater's settings, not their own; their
 * clocks must agree to well within the lapse. A server
 * that was killed (and did not come back) stops being balanced over by every proxy, instead of being
 * tried and skipped for ever. Every live worker sweeps; the drops are idempotent, so two at once do
 * no harm. A server that comes back beats again and puts its routes back ({@link LocalWorker#restoreRoutes}),
 * so a drop that raced its return heals within one interval. Each beat also announces the server
 * ({@link ServerAnnouncement}: id, URL, version, the same alive-until) for the console's list of servers.
 */
final class WorkerHeartbeat {
    private final KeyValueConnectionFactory store;
    private final String prefix;
    private final String localBase;
    private final WorkerRoutes routes;
    private final long lapseMillis;
    private final LongSupplier clockMillis;
    private final String serverId;
    private final String routesKey;

    /** What one sweep dropped: the worker, until when it had said it was alive, and the number of its URLs taken out. */
    record Dropped(String worker, long aliveUntilMillis, int urls) {}

    WorkerHeartbeat(KeyValueConnectionFactory store, String routesKey, String localBase, WorkerRoutes routes, Duration lapse,
            LongSupplier clockMillis, String serverId) {
        this.store = store;
        this.routesKey = routesKey;
        this.serverId = serverId;
        this.prefix = routesKey + ":workers:";
        this.localBase = WorkerRoutes.trimmed(localBase);
        this.routes = routes;
        this.lapseMillis = lapse.toMillis();
        this.clockMillis = clockMillis;
    }

    /** Writes this worker's beat, then drops the routes of every worker whose beat lapsed; returns those. */
    List<Dropped> beat() {
        long now = clockMillis.getAsLong();
        List<Dropped> dropped = new ArrayList<>();
        try (KeyValueConnection kv = store.getConnection()) {
            kv.set(prefix + localBase, Long.toString(now + lapseMillis));
            String origin = ServerAnnouncement.origin(localBase);
            kv.set(ServerAnnouncement.key(routesKey, origin),
                    new ServerAnnouncement(serverId, origin, ServerAnnouncement.VERSION, now + lapseMillis).json());
            for (String key : kv.keys(prefix + "*")) {
                String worker = key.substring(prefix.length());
                if (worker.equals(localBase)) {
                    continue;
                }
                Optional<String> beat = kv.get(key);
                long until = beat.map(WorkerHeartbeat::millis).orElse(Long.MAX_VALUE);
                if (now <= until) {
                    continue;
                }
                dropped.add(new Dropped(worker, until, routes.dropWorker(worker)));
                // forget it unless it beat again meanwhile (then it put its routes back, or will)
                kv.compareAndSet(key, beat.get(), "lapsed " + beat.get());
            }
        }
        return dropped;
    }

    private static long millis(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // already swept ("lapsed ...")
        }
    }
}
