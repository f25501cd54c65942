// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.SilentServer;
import io.capaee.connector.memory.MemoryKeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Against the real Redis on 127.0.0.1:6379; every key starts with a prefix unique to the test. */
class RedisKeyValueStoreTest {
    private static final RedisSettings LOCAL = new RedisSettings("127.0.0.1", 6379, "", 0, 2000, 4);

    private final String prefix = "capa-test:" + UUID.randomUUID() + ":";
    private final RedisKeyValueStore store = new RedisKeyValueStore(LOCAL);

    @AfterEach
    void deleteWhatTheTestWrote() {
        store.close();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = admin.scan(cursor, new ScanParams().match(prefix + "*").count(500));
                if (!page.getResult().isEmpty()) {
                    admin.del(page.getResult().toArray(new String[0]));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }

    @Test
    void keysAnswersGlobsExactlyAsTheMemoryBackendDoes() {
        MemoryKeyValueStore memory = new MemoryKeyValueStore();
        for (String k : List.of("a", "b", "c", "d", "ab", "x?y", "x*y", "[z]")) {
            store.set(prefix + k, "v");
            memory.set(prefix + k, "v");
        }
        for (String glob : List.of("[a-c]", "?", "*", "a*", "x\\?y", "x\\*y", "x?y", "\\[z]", "[^a-c]")) {
            assertEquals(Set.copyOf(memory.keys(prefix + glob)), Set.copyOf(store.keys(prefix + glob)),
                    "pattern " + glob);
        }
        assertEquals(Set.of(prefix + "a", prefix + "b", prefix + "c"), Set.copyOf(store.keys(prefix + "[a-c]")));
    }

    @Test
    void anUnreachableRedisGivesAKeyValueExceptionNamingHostAndPortWithinTheTimeout() throws Exception {
        // a peer that accepts and never answers: only the store's own timeout can end the call
        try (SilentServer silent = new SilentServer();
                RedisKeyValueStore nowhere = new RedisKeyValueStore(new RedisSettings("127.0.0.1", silent.port(), "", 0, 500, 2))) {
            KeyValueException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                long start = System.nanoTime();
                KeyValueException thrown = assertThrows(KeyValueException.class, () -> nowhere.get("k"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "took " + millis + " ms");
                return thrown;
            });
            assertTrue(e.getMessage().contains("127.0.0.1:" + silent.port()), e.getMessage());
            assertTrue(silent.accepted() > 0, "the store reached the peer and waited on it");
        }
    }

    @Test
    void aCommandRedisRejectsGivesAKeyValueExceptionNamingTheCommand() {
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            admin.hset(prefix + "hash", "f", "v");
        }
        KeyValueException e = assertThrows(KeyValueException.class, () -> store.get(prefix + "hash"));
        assertTrue(e.getMessage().contains("GET") && e.getMessage().contains("127.0.0.1:6379"), e.getMessage());
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        KeyValueException e = assertThrows(KeyValueException.class, () -> store.get(prefix + "k"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
