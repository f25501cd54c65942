// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.UnlockStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Leases in this server's memory; an expired lease is dropped when its key is touched. */
public final class MemoryLockBackend implements LockBackend {
    private record Lease(String owner, long expiresAtNanos) {}

    private final Map<String, Lease> leases = new HashMap<>(); // guarded by this
    private final LongSupplier nanoClock;

    public MemoryLockBackend() {
        this(System::nanoTime);
    }

    public MemoryLockBackend(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized boolean tryLock(String key, String owner, long expiryMillis) {
        if (live(key) != null) {
            return false;
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
