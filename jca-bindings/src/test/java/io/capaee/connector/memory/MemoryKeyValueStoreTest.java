// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryKeyValueStoreTest {
    private final MemoryKeyValueStore store = new MemoryKeyValueStore();

    @Test
    void aMissingKeyReadsAsEmpty() {
        assertEquals(Optional.empty(), store.get("nope"));
    }

    @Test
    void setStoresAValueAndReplacesThePreviousOne() {
        store.set("k", "one");
        assertEquals(Optional.of("one"), store.get("k"));
        store.set("k", "two");
        assertEquals(Optional.of("two"), store.get("k"));
    }

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

    @Test
    void deleteRemovesAKeyAndSaysWhetherItExisted() {
        store.set("" + "gone", "v");
        assertTrue(store.delete("" + "gone"));
        assertEquals(Optional.empty(), store.get("" + "gone"));
        assertFalse(store.delete("" + "gone"));
    }

    @Test
    void compareAndSetOnlyWritesOverTheExpectedValue() {
        assertTrue(store.compareAndSet("" + "doc", null, "v1"), "absent key: created");
        assertFalse(store.compareAndSet("" + "doc", null, "other"), "present key: not created again");
        assertFalse(store.compareAndSet("" + "doc", "stale", "v2"));
        assertEquals(Optional.of("v1"), store.get("" + "doc"));
        assertTrue(store.compareAndSet("" + "doc", "v1", "v2"));
        assertEquals(Optional.of("v2"), store.get("" + "doc"));
    }

    @Test
    void concurrentCompareAndSetIncrementsLoseNoUpdate() throws Exception {
        store.set("" + "counter", "0");
        Runnable incrementer = () -> {
            for (int i = 0; i < 100; i++) {
                while (true) {
                    String current = store.get("" + "counter").orElseThrow();
                    if (store.compareAndSet("" + "counter", current, String.valueOf(Integer.parseInt(current) + 1))) {
                        break;
                    }
                }
            }
        };
        Thread a = new Thread(incrementer);
        Thread b = new Thread(incrementer);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(Optional.of("200"), store.get("" + "counter"));
    }
}
