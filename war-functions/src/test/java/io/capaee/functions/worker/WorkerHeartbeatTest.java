// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.ServerAnnouncement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerHeartbeatTest {
    private static final String HERE = "http://localhost:9141/wasm/functions";
    private static final String THERE = "http://localhost:9142/wasm/functions";
    private static final Duration LAPSE = Duration.ofSeconds(30);

    private final WorkerRoutesTest.MapStore store = new WorkerRoutesTest.MapStore();
    private final KeyValueRouteTable table = new KeyValueRouteTable(store, "routes", Duration.ZERO);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final WorkerRoutes hereRoutes = new WorkerRoutes(table, HERE);
    private final WorkerRoutes thereRoutes = new WorkerRoutes(new KeyValueRouteTable(store, "routes", Duration.ZERO), THERE);
    private final WorkerHeartbeat here = new WorkerHeartbeat(store, "routes", HERE, hereRoutes, LAPSE, now::get, "server");
    private final WorkerHeartbeat there = new WorkerHeartbeat(store, "routes", THERE + "/", thereRoutes, LAPSE, now::get, "server");

    @Test
    void eachBeatAnnouncesTheServerWithItsUrlAndHowLongItCountsAsAlive() {
        here.beat();
        now.addAndGet(5_000);
        here.beat();
        try (var kv = store.getConnection()) {
            assertEquals(List.of("routes:servers:http://localhost:9141"), kv.keys(ServerAnnouncement.pattern("routes")));
            assertEquals(Optional.of(new ServerAnnouncement("server", "http://localhost:9141", ServerAnnouncement.VERSION,
                    1_005_000 + LAPSE.toMillis())), kv.get("routes:servers:http://localhost:9141").flatMap(ServerAnnouncement::parse));
            assertEquals(List.of("routes:workers:" + HERE), kv.keys("routes:workers:*"), "the worker's own beat is apart");
        }
    }

    @Test
    void eachWorkerIsJudgedByTheLapseItStates() {
        WorkerHeartbeat quick = new WorkerHeartbeat(store, "routes", THERE, thereRoutes, Duration.ofSeconds(4), now::get, "quick");
        hereRoutes.add("accg", "v1");
        thereRoutes.add("accg", "v1");
        here.beat();
        quick.beat();
        now.addAndGet(10_000); // past "there"'s 4 s, within "here"'s 30 s
        assertEquals(List.of(), quick.beat(), "a quick observer does not drop a worker that beats slowly");
        now.addAndGet(10_000);
        assertEquals(List.of(new WorkerHeartbeat.Dropped(THERE, 1_010_000 + 4_000, 1)), here.beat());
    }

    @Test
    void aWorkerWhoseBeatLapsedLosesEveryRouteOnceAndTheOthersKeepTheirs() {
        hereRoutes.add("accg", "v1");
        thereRoutes.add("accg", "v1");
        thereRoutes.add("accg", "v2");
        thereRoutes.setDefault("accg", "v2");
        table.putRevision("registered", "default", List.of("http://localhost:9142/elsewhere", "http://upstream:8080"));
        assertEquals(List.of(), here.beat());
        assertEquals(List.of(), there.beat());

        now.addAndGet(LAPSE.toMillis()); // exactly the lapse: still alive
        assertEquals(List.of(), here.beat());

        now.addAndGet(1);
        assertEquals(List.of(new WorkerHeartbeat.Dropped(THERE, 1_000_000 + LAPSE.toMillis(), 3)), here.beat());
        assertEquals(Map.of("accg", Map.of("v1", List.of(HERE + "/accg/v1")),
                "registered", Map.of("default", List.of("http://localhost:9142/elsewhere", "http://upstream:8080"))), table.snapshot(),
                "the registration API's routes stay, even on the same host");
        assertEquals(List.of(), here.beat(), "dropped once");

        there.beat(); // back: it beats again, and its worker puts its routes back (LocalWorker.restoreRoutes)
        thereRoutes.add("accg", "v1");
        now.addAndGet(LAPSE.toMillis());
        assertEquals(List.of(), here.beat());
        assertEquals(List.of(HERE + "/accg/v1", THERE + "/accg/v1"), table.urls("accg", "v1").orElseThrow());
    }
}
