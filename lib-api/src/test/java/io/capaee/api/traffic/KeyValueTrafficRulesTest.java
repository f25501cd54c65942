// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the real Redis on 127.0.0.1:6379, as the servers share it. */
class KeyValueTrafficRulesTest {
    final RulesFixture clock = new RulesFixture();

    @Test
    void aChangeMadeThroughOneTableIsSeenByAnotherAfterOneRefresh() {
        try (RedisKeyValue redis = new RedisKeyValue()) {
            String key = redis.prefix + "traffic";
            KeyValueTrafficRules one = new KeyValueTrafficRules(redis, key, Duration.ofMillis(250), clock::nanoTime);
            KeyValueTrafficRules two = new KeyValueTrafficRules(redis, key, Duration.ofMillis(250), clock::nanoTime);
            assertTrue(two.get().isEmpty());
            one.update(r -> r.with(MatchTest.rule("a", "/a", "http://127.0.0.1:1")));
            assertTrue(two.get().isEmpty(), "the copy is fresh: no store read");
            clock.advanceSeconds(0.25);
            assertEquals(List.of("a"), two.get().rules().stream().map(TrafficRule::name).toList());
            assertTrue(redis.redis.get(key).startsWith("{\"rules\":[{\"name\":\"a\""));
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        try (RedisKeyValue redis = new RedisKeyValue()) {
            String key = redis.prefix + "traffic";
            Thread[] writers = new Thread[4];
            for (int w = 0; w < writers.length; w++) {
                int id = w;
                writers[w] = new Thread(() -> {
                    KeyValueTrafficRules table = new KeyValueTrafficRules(redis, key, Duration.ofMillis(250), clock::nanoTime);
                    for (int i = 0; i < 10; i++) {
                        String name = "r" + id + "-" + i;
                        table.update(r -> r.with(MatchTest.rule(name, "/" + name, "http://127.0.0.1:1")));
                    }
                });
                writers[w].start();
            }
            for (Thread t : writers) {
                t.join();
            }
            assertEquals(40, new KeyValueTrafficRules(redis, key, Duration.ofMillis(250), clock::nanoTime).fresh().rules().size());
        }
    }
}
