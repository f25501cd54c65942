// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.DaprActorApp;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Remote Dapr-style actor hosts: {@code remote-counter} is configured with its host's URL, the
 * types of a second host are discovered from its {@code /dapr/config}, and {@code ghost}'s host is
 * down (the test server's {@code capa.actors.hosts}).
 */
@ResourceLock(SharedResources.ACTORS)
class RemoteActorsIT {
    static DaprActorApp app;
    static DaprActorApp discovered;
    private final String id = "it-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startHosts() throws Exception {
        app = new DaprActorApp(Integer.getInteger("it.actor-host.port"), "remote-counter");
        // its /dapr/config turns reentrancy on for its type, 3 deep; remote-counter has the server's (off)
        discovered = DaprActorApp.withReentrancy("{\"enabled\":true,\"maxStackDepth\":3}", Integer.getInteger("it.actor-discovery.port"),
                "discovered-actor");
        // the server asks a discovering host again at most every 2 s (RemoteHosts): a class that ran just before
        // may have addressed an unknown type while this host was not up yet, so wait until the host is asked again
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Actors.post("discovered-actor/warm-up/method/echo", "1").statusCode() != 200 && System.nanoTime() < end) {
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stopHosts() {
        app.close();
        discovered.close();
        Actors.cleanRedis();
    }

    @Test
    void callsReachTheHostWithDaprsCallbackProtocol() throws Exception {
        HttpResponse<String> r = Actors.post("remote-counter/" + id + "/method/echo", "{\"a\":1}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"a\":1}", r.body());
        assertTrue(app.calls.contains("PUT /actors/remote-counter/" + id + "/method/echo {\"a\":1}"), app.calls.toString());
    }

    @Test
    void theHostReachesItsStateThroughTheActorApiDuringItsTurn() throws Exception {
        assertEquals(200, Actors.post("remote-counter/" + id + "/method/save", "{\"n\":42}").statusCode());
        assertEquals("{\"n\":42}", Actors.state("remote-counter", id, "saved"));
    }

    @Test
    void oneCallAtATimeReachesTheHostPerActor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(pool.submit(() -> Actors.post("remote-counter/" + id + "/method/slow", "")));
            }
            for (Future<HttpResponse<String>> f : calls) {
                assertEquals(200, f.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, app.overlaps.get());
    }

    @Test
    void hostErrorsAreDaprErrors() throws Exception {
        HttpResponse<String> boom = Actors.post("remote-counter/" + id + "/method/boom", "");
        assertEquals(500, boom.statusCode());
        assertTrue(boom.body().contains("ERR_ACTOR_INVOKE_METHOD") && boom.body().contains("boom from the app"), boom.body());
        HttpResponse<String> missing = Actors.post("remote-counter/" + id + "/method/missing", "");
        assertEquals(500, missing.statusCode());
        assertTrue(missing.body().contains("no method 'missing'"), missing.body());
        HttpResponse<String> down = Actors.post("ghost/" + id + "/method/echo", "1");
        assertEquals(500, down.statusCode());
        assertTrue(down.body().contains("ERR_ACTOR_INVOKE_METHOD") && down.body().contains("unreachable"), down.body());
    }

    @Test
    void remindersAndTimersAreDeliveredAsCallbacks() throws Exception {
        assertEquals(204, Actors.post("remote-counter/" + id + "/reminders/wake", "{\"dueTime\":\"0s\",\"data\":\"hi\"}").statusCode());
        assertEquals(204, Actors.post("remote-counter/" + id + "/timers/tick", "{\"dueTime\":\"0s\",\"callback\":\"onTick\",\"data\":7}").statusCode());
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String remind = "PUT /actors/remote-counter/" + id + "/method/remind/wake {\"data\":\"hi\",\"dueTime\":\"0s\",\"period\":\"\"}";
        String timer = "PUT /actors/remote-counter/" + id + "/method/timer/tick {\"callback\":\"onTick\",\"data\":7,\"dueTime\":\"0s\",\"period\":\"\"}";
        while (!(app.calls.contains(remind) && app.calls.contains(timer)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertTrue(app.calls.contains(remind), app.calls.toString());
        assertTrue(app.calls.contains(timer), app.calls.toString());
    }

    @Test
    void idleRemoteActorsAreDeactivatedOnTheirHost() throws Exception {
        Actors.post("remote-counter/" + id + "/method/echo", "1");
        String deactivate = "DELETE /actors/remote-counter/" + id;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!app.calls.contains(deactivate) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertTrue(app.calls.contains(deactivate), app.calls.toString());
    }

    @Test
    void aCallChainReentersAnActorWhenItsTypeAllowsIt() throws Exception {
        // A -> B -> A over HTTP: the second call to A carries A's Dapr-Reentrancy-Id and gets in beside A's turn
        String a = "discovered-actor/" + id + "-a";
        String b = "discovered-actor/" + id + "-b";
        HttpResponse<String> r = Actors.post(a + "/method/chain", "\"" + b + "," + a + "\"");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"done\"", r.body());
        // A -> A -> A is 3 deep, the limit; one more is refused with Dapr's error
        assertEquals("\"done\"", Actors.post(a + "/method/chain", "\"" + a + "," + a + "\"").body());
        HttpResponse<String> deep = Actors.post(a + "/method/chain", "\"" + a + "," + a + "," + a + "\"");
        assertEquals(500, deep.statusCode(), deep.body());
        assertTrue(deep.body().contains("ERR_ACTOR_STACK_DEPTH") && deep.body().contains("nested deeper"), deep.body());
        // and a call of another chain still waits its turn: A's turns never overlapped outside the chains
        assertEquals("\"done\"", Actors.post(a + "/method/chain", "\"\"").body());
    }

    @Test
    void aCallChainBackIntoABusyActorIsRefusedAtOnceWhenReentrancyIsOff() throws Exception {
        String a = "remote-counter/" + id + "-a";
        String b = "remote-counter/" + id + "-b";
        long start = System.nanoTime();
        HttpResponse<String> r = Actors.post(a + "/method/chain", "\"" + b + "," + a + "\"");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("ERR_ACTOR_STACK_DEPTH") && r.body().contains("reentrancy is off"), r.body());
        // refused, not left to wait for the call timeout (60 s): no deadlock
        assertTrue(millis < 10_000, "the refusal took " + millis + " ms");
        // A and B are free again afterwards
        assertEquals("\"done\"", Actors.post(a + "/method/chain", "\"" + b + "\"").body());
    }

    @Test
    void typesAreDiscoveredFromDaprConfig() throws Exception {
        HttpResponse<String> r = Actors.post("discovered-actor/" + id + "/method/echo", "\"found\"");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"found\"", r.body());
        assertTrue(Actors.send(Server.request("/v1.0/actors")).body().contains("\"discovered-actor\":{\"kind\":\"remote\""));
    }
}
