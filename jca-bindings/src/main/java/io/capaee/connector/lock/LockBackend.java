// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.UnlockStatus;

/** Where leases live; keys are already namespaced. Thread-safe; failures are LockExceptions. */
public interface LockBackend {
    boolean tryLock(String key, String owner, long expiryMillis);

    UnlockStatus unlock(String key, String owner);
}
