// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.Server;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import redis.clients.jedis.JedisPooled;

/**
 * A real restart of the test server ({@code bin/server stop} and {@code start}): actor state is
 * still there, and a reminder that came due while the server was down fires once at start.
 */
@Isolated("restarts the test server")
class ActorRestartIT {
    /**
     * The reminder's due time: well beyond the time a stop takes (a few seconds), so that it comes due
     * while the server is down and not before the stop.
     */
    private static final Duration DUE = Duration.ofSeconds(30);
    private final String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    static void clean() {
        Actors.cleanRedis();
    }

    @Test
    void stateAndRemindersSurviveARestart() throws Exception {
        assertEquals("11", Actors.post("counter/" + id + "/method/add", "11").body());
        assertEquals(204, Actors.post("counter/" + id + "/reminders/wake",
                "{\"dueTime\":\"" + DUE.toSeconds() + "s\",\"data\":\"after restart\"}").statusCode());
        assertEquals(200, Actors.post("wasm-kv/" + id + "/method/redis-set", "[\"k\",\"kept\"]").statusCode());
        long created = System.nanoTime();

        try {
            server("stop");
            long stoppedAfter = Duration.ofNanos(System.nanoTime() - created).toMillis();
            assertTrue(stoppedAfter < DUE.toMillis(), "the server took " + stoppedAfter + " ms to stop, longer than the"
                    + " reminder's due time of " + DUE + ": it may have fired before the stop, and the test proves nothing");
            try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
                String state = redis.get(Actors.PREFIX + "state||counter||" + id);
                assertFalse(state.contains("reminded.wake"), "the reminder must not have fired before the server stopped: " + state);
            }
            long waited = Duration.ofNanos(System.nanoTime() - created).toMillis();
            if (waited < DUE.toMillis() + 1000) {
                Thread.sleep(DUE.toMillis() + 1000 - waited); // let the due time pass while the server is down
            }
        } finally {
            // whatever failed above, the tests after this one need the shared server back
            server("start");
            awaitUp();
        }

        assertEquals("11", Actors.post("counter/" + id + "/method/get", "").body());
        assertEquals("kept", Actors.post("wasm-kv/" + id + "/method/redis-get", "[\"k\"]").body());
        Actors.awaitState("counter", id, "reminded.wake", "1", Duration.ofSeconds(30));
        assertEquals(404, Actors.get("counter/" + id + "/reminders/wake").statusCode(), "a one-shot reminder is gone once it fired");
    }

    private static void awaitUp() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (Actors.send(Server.request("/v1.0/actors")).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not come back");
    }

    private static void server(String action) throws IOException, InterruptedException {
        Path wlp = Server.dir().getParent().getParent().getParent();
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "capa")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " capa did not finish");
        }
    }
}
