// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryKeyValueStoreTest {
    private final MemoryKeyValueStore store = new MemoryKeyValueStore();

    @Test
    void keysReturnsTheKeysMatchingARedisGlob() {
        for (String k : List.of("user:a", "user:b", "user:c", "user:d", "user:ab", "order:a", "user:*")) {
            store.set(k, "v");
        }
        assertEquals(Set.of("user:a", "user:b", "user:c"), Set.copyOf(store.keys("user:[a-c]")));
        assertEquals(Set.of("user:a", "user:b", "user:c", "user:d", "user:*"), Set.copyOf(store.keys("user:?")));
        assertEquals(Set.of("user:*"), Set.copyOf(store.keys("user:\\*")));
        assertEquals(7, store.keys("*").size());
        assertTrue(store.keys("nothing*").isEmpty());
    }

    @Test
    void concurrentWritersLoseNoKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        store.set("t" + thread + ":" + i, "v");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4_000, new HashSet<>(store.keys("t*")).size());
    }
}
