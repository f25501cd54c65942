// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockStoreFullException;
import io.capaee.api.lock.UnlockStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Leases in this server's memory, at most {@code maxEntries} at once; an expired lease is dropped when
 * its key is touched, or when the store is full.
 */
public final class MemoryLockBackend implements LockBackend {
    private record Lease(String owner, long expiresAtNanos) {}

    private final Map<String, Lease> leases = new HashMap<>(); // guarded by this
    private final LongSupplier nanoClock;
    private final int maxEntries;

    public MemoryLockBackend(int maxEntries) {
        this(System::nanoTime, maxEntries);
    }

    public MemoryLockBackend(LongSupplier nanoClock, int maxEntries) {
        this.nanoClock = nanoClock;
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized boolean tryLock(String key, String owner, long expiryMillis) {
        if (live(key) != null) {
            return false;
        }
        if (leases.size() >= maxEntries) {
            // expired leases go only when touched: sweep them before calling the store full
            long now = nanoClock.getAsLong();
            leases.values().removeIf(lease -> now - lease.expiresAtNanos() >= 0);
            if (leases.size() >= maxEntries) {
                throw new LockStoreFullException("the memory lock store holds " + maxEntries
                        + " leases, its maximum (capa.lock.memory.max-entries)");
            }
        }
        // a capped expiry fits in nanoseconds; the sum may wrap, which the difference in live() allows for
        long expiryNanos = Math.min(expiryMillis, MAX_EXPIRY_MILLIS) * 1_000_000L;
        leases.put(key, new Lease(owner, nanoClock.getAsLong() + expiryNanos));
        return true;
    }

    @Override
    public synchronized UnlockStatus unlock(String key, String owner) {
        Lease lease = live(key);
        if (lease == null) {
            return UnlockStatus.LOCK_DOES_NOT_EXIST;
        }
        if (!lease.owner().equals(owner)) {
            return UnlockStatus.LOCK_BELONGS_TO_OTHERS;
        }
        leases.remove(key);
        return UnlockStatus.SUCCESS;
    }

    private Lease live(String key) {
        Lease lease = leases.get(key);
        if (lease != null && nanoClock.getAsLong() - lease.expiresAtNanos() >= 0) {
            leases.remove(key);
            return null;
        }
        return lease;
    }
}
