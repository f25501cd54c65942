// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.lock.LockStoreFullException;
import io.capaee.api.lock.UnlockStatus;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Huge expiries must not overflow into a lease that is already over, whatever nanoTime reads. */
class MemoryLockBackendTest {
    @ParameterizedTest
    @ValueSource(longs = {0L, -5L, Long.MAX_VALUE - 1_000L, Long.MIN_VALUE + 1_000L})
    void aHugeExpiryHoldsTheLease(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryLockBackend locks = new MemoryLockBackend(clock::get, 100);
        assertTrue(locks.tryLock("a", "alice", Long.MAX_VALUE));
        assertTrue(locks.tryLock("b", "alice", Long.MAX_VALUE / 1_000L));
        clock.addAndGet(3_600_000_000_000L);
        assertFalse(locks.tryLock("a", "bob", 1_000L));
        assertFalse(locks.tryLock("b", "bob", 1_000L));
        assertEquals(UnlockStatus.SUCCESS, locks.unlock("a", "alice"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, Long.MAX_VALUE - 1_000L})
    void anOrdinaryLeaseStillEnds(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryLockBackend locks = new MemoryLockBackend(clock::get, 100);
        assertTrue(locks.tryLock("a", "alice", 1_000L));
        clock.addAndGet(999_000_000L);
        assertFalse(locks.tryLock("a", "bob", 1_000L));
        clock.addAndGet(1_000_000L);
        assertTrue(locks.tryLock("a", "bob", 1_000L));
    }

    @Test
    void aFullStoreRefusesANewLeaseUntilAnExpiredOneIsSwept() {
        AtomicLong clock = new AtomicLong();
        MemoryLockBackend locks = new MemoryLockBackend(clock::get, 2);
        assertTrue(locks.tryLock("a", "alice", 10_000L));
        assertTrue(locks.tryLock("b", "alice", 1_000L));
        LockStoreFullException full = assertThrows(LockStoreFullException.class, () -> locks.tryLock("c", "alice", 1_000L));
        assertTrue(full.getMessage().contains("capa.lock.memory.max-entries"), full.getMessage());
        assertFalse(locks.tryLock("a", "bob", 1_000L), "a held lease is still reported as held, not as full");
        clock.addAndGet(1_000_000_000L);
        assertTrue(locks.tryLock("c", "alice", 1_000L), "the expired lease made room");
        assertEquals(UnlockStatus.LOCK_DOES_NOT_EXIST, locks.unlock("b", "alice"));
    }
}
