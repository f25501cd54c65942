// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TTLs on the memory backend, whatever nanoTime reads: a huge one never overflows into the past. */
class MemoryStateBackendTest {
    private static StateWrite put(String key, long ttl) {
        return new StateWrite(key, "v", StateWrite.Check.NONE, 0, ttl);
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, -5L, Long.MAX_VALUE - 1_000L, Long.MIN_VALUE + 1_000L})
    void aHugeTtlKeepsTheValue(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryStateBackend store = new MemoryStateBackend(clock::get);
        store.apply(List.of(put("max", Long.MAX_VALUE), put("big", Long.MAX_VALUE / 1_000_000_000L + 1),
                put("cap", StateWrite.MAX_TTL_SECONDS)));
        clock.addAndGet(3_600_000_000_000L);
        assertEquals(3, store.get(List.of("max", "big", "cap")).size());
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, Long.MAX_VALUE - 1_000L})
    void anOrdinaryTtlStillEnds(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryStateBackend store = new MemoryStateBackend(clock::get);
        store.apply(List.of(put("k", 2)));
        clock.addAndGet(1_999_999_999L);
        assertTrue(store.get(List.of("k")).containsKey("k"));
        clock.addAndGet(1L);
        assertEquals(0, store.get(List.of("k")).size());
    }
}
