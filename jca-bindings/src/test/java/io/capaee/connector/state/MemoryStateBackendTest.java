// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.state.StateStoreFullException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TTLs on the memory backend (whatever nanoTime reads: a huge one never overflows into the past) and its quotas. */
class MemoryStateBackendTest {
    private static StateWrite put(String key, long ttl) {
        return new StateWrite(key, "v", StateWrite.Check.NONE, 0, ttl);
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, -5L, Long.MAX_VALUE - 1_000L, Long.MIN_VALUE + 1_000L})
    void aHugeTtlKeepsTheValue(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryStateBackend store = new MemoryStateBackend(clock::get, 1000, 1_000_000);
        store.apply(List.of(put("max", Long.MAX_VALUE), put("big", Long.MAX_VALUE / 1_000_000_000L + 1),
                put("cap", StateWrite.MAX_TTL_SECONDS)));
        clock.addAndGet(3_600_000_000_000L);
        assertEquals(3, store.get(List.of("max", "big", "cap")).size());
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, Long.MAX_VALUE - 1_000L})
    void anOrdinaryTtlStillEnds(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryStateBackend store = new MemoryStateBackend(clock::get, 1000, 1_000_000);
        store.apply(List.of(put("k", 2)));
        clock.addAndGet(1_999_999_999L);
        assertTrue(store.get(List.of("k")).containsKey("k"));
        clock.addAndGet(1L);
        assertEquals(0, store.get(List.of("k")).size());
    }

    private static StateWrite put(String key, String value) {
        return new StateWrite(key, value, StateWrite.Check.NONE, 0, 0);
    }

    private static StateWrite delete(String key) {
        return new StateWrite(key, null, StateWrite.Check.NONE, 0, 0);
    }

    @Test
    void aWriteSetBeyondTheEntryQuotaIsRefusedWholeAndWritesNothing() {
        MemoryStateBackend store = new MemoryStateBackend(() -> 0L, 2, 1_000_000);
        store.apply(List.of(put("a", "1")));
        StateStoreFullException full = assertThrows(StateStoreFullException.class,
                () -> store.apply(List.of(put("b", "2"), put("c", "3"))));
        assertTrue(full.getMessage().contains("capa.state.memory.max-entries"), full.getMessage());
        assertEquals(List.of("a"), List.copyOf(store.get(List.of("a", "b", "c")).keySet()));
        assertThrows(StateStoreFullException.class, () -> store.applyEach(List.of(put("b", "2"), put("c", "3"))));
        assertEquals(1, store.get(List.of("a", "b", "c")).size(), "a bulk save that does not fit writes nothing");
        assertEquals(-1, store.apply(List.of(delete("a"), put("b", "2"), put("c", "3"))), "a delete in the set makes room");
    }

    @Test
    void theByteQuotaCountsKeysAndValuesAndAnOverwriteOnlyItsGrowth() {
        MemoryStateBackend store = new MemoryStateBackend(() -> 0L, 100, 10); // "k" + 9 bytes fills it
        store.apply(List.of(put("k", "123456789")));
        assertThrows(StateStoreFullException.class, () -> store.apply(List.of(put("x", ""))));
        assertEquals(-1, store.apply(List.of(put("k", "12345678"))), "a smaller value fits in place");
        assertThrows(StateStoreFullException.class, () -> store.apply(List.of(put("k", "1234567890"))));
        assertThrows(StateStoreFullException.class, () -> store.apply(List.of(put("k", "\u00e9\u00e9\u00e9\u00e9\u00e9"))),
                "counted as UTF-8: five two-byte characters are ten bytes");
        assertEquals("12345678", store.get(List.of("k")).get("k").value());
    }

    @Test
    void entriesPastTheirTtlAreSweptToMakeRoom() {
        AtomicLong clock = new AtomicLong();
        MemoryStateBackend store = new MemoryStateBackend(clock::get, 1, 1_000_000);
        store.apply(List.of(put("old", 1)));
        assertThrows(StateStoreFullException.class, () -> store.apply(List.of(put("new", "v"))));
        clock.addAndGet(1_000_000_000L);
        assertEquals(-1, store.apply(List.of(put("new", "v"))));
    }
}
