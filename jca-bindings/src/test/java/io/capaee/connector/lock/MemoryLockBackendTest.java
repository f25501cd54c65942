// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.lock.UnlockStatus;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Huge expiries must not overflow into a lease that is already over, whatever nanoTime reads. */
class MemoryLockBackendTest {
    @ParameterizedTest
    @ValueSource(longs = {0L, -5L, Long.MAX_VALUE - 1_000L, Long.MIN_VALUE + 1_000L})
    void aHugeExpiryHoldsTheLease(long start) {
        AtomicLong clock = new AtomicLong(start);
        MemoryLockBackend locks = new MemoryLockBackend(clock::get);
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
        MemoryLockBackend locks = new MemoryLockBackend(clock::get);
        assertTrue(locks.tryLock("a", "alice", 1_000L));
        clock.addAndGet(999_000_000L);
        assertFalse(locks.tryLock("a", "bob", 1_000L));
        clock.addAndGet(1_000_000L);
        assertTrue(locks.tryLock("a", "bob", 1_000L));
    }
}
