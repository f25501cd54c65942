// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.UnlockStatus;

/** Where leases live; keys are already namespaced. Thread-safe; failures are LockExceptions. */
public interface LockBackend {
    /**
     * The longest lease kept as asked (about 146 years); longer ones are cut to it, so a memory
     * deadline in nanoseconds cannot overflow and Redis accepts the expiry.
     */
    long MAX_EXPIRY_MILLIS = Long.MAX_VALUE / 2 / 1_000_000L;

    boolean tryLock(String key, String owner, long expiryMillis);

    UnlockStatus unlock(String key, String owner);
}
