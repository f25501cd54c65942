// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * The Redis streams input binding ({@code RedisStreamInputBinding} bean, consumer group): every
 * entry reaches the app and is acknowledged only then; a refused entry goes to the dead-letter
 * stream and is acknowledged; nothing stays pending.
 */
class RedisStreamInputIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String STREAM = "capa:it:" + PORT + ":input";
    private static final String GROUP = "capa-it-" + PORT;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static InputApp app;
    private static JedisPooled redis;

    @BeforeAll
    static void start() throws Exception {
        app = new InputApp();
        redis = new JedisPooled("127.0.0.1", 6379);
    }

    @AfterAll
    static void stop() {
        app.close();
        redis.del(STREAM + ":dlq");
        redis.close();
    }

    @Test
    void entriesReachTheAppAndAreAcknowledgedAfterwards() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        for (int i = 0; i < 20; i++) {
            redis.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("data", run + "-" + i, "kind", "order"));
        }
        List<InputApp.Event> events = app.await("/redis-input", WAIT,
                list -> list.stream().filter(e -> e.body().startsWith(run + "-")).count() >= 20);
        List<InputApp.Event> ours = events.stream().filter(e -> e.body().startsWith(run + "-")).toList();
        assertEquals(20, ours.stream().map(InputApp.Event::body).distinct().count(), "every entry reached the app");
        assertEquals("order", ours.get(0).headers().get("kind"), "other fields arrive as headers");
        assertNothingPending();
    }

    @Test
    void aRefusedEntryGoesToTheDeadLetterStream() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        StreamEntryID id = redis.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("data", "poison-" + run));
        long deadline = System.nanoTime() + WAIT.toNanos();
        StreamEntry dead = null;
        while (dead == null && System.nanoTime() < deadline) {
            for (StreamEntry entry : redis.xrange(STREAM + ":dlq", (StreamEntryID) null, (StreamEntryID) null)) {
                if (("poison-" + run).equals(entry.getFields().get("data"))) {
                    dead = entry;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(dead != null, "the poison entry in " + STREAM + ":dlq");
        assertEquals("3", dead.getFields().get("capa-attempts"));
        assertEquals(STREAM + "@" + id, dead.getFields().get("capa-original"));
        assertNothingPending();
    }

    private static void assertNothingPending() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        StreamPendingSummary pending = redis.xpending(STREAM, GROUP);
        while (pending.getTotal() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pending = redis.xpending(STREAM, GROUP);
        }
        assertEquals(0, pending.getTotal(), "acknowledged after delivery or dead letter");
    }
}
