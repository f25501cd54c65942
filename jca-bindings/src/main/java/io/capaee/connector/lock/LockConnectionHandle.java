// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockException;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.time.Duration;

/** The {@link LockConnection} an application holds. Resource ids are stored as {@code appId||lock||id}. */
public final class LockConnectionHandle extends BackendConnectionHandle<LockBackend> implements LockConnection {
    private final String namespace;
    private final Duration maxExpiry;

    LockConnectionHandle(String namespace, Duration maxExpiry) {
        super(LockException::new);
        this.namespace = namespace;
        this.maxExpiry = maxExpiry;
    }

    @Override
    public boolean tryLock(String resourceId, String owner, Duration expiry) {
        require("resourceId", resourceId);
        require("lockOwner", owner);
        if (expiry == null || expiry.compareTo(Duration.ofMillis(1)) < 0) {
            throw new LockException("a lock's expiry must be positive, got " + expiry);
        }
        if (expiry.compareTo(maxExpiry) > 0) {
            throw new LockException("a lock's expiry (expiryInSeconds) must be at most " + maxExpiry.toSeconds()
                    + " s (capa.lock.max-expiry-seconds), got " + expiry.getSeconds() + " s");
        }
        return backend().tryLock(key(resourceId), owner, expiry.toMillis());
    }

    @Override
    public UnlockStatus unlock(String resourceId, String owner) {
        require("resourceId", resourceId);
        require("lockOwner", owner);
        return backend().unlock(key(resourceId), owner);
    }

    private String key(String resourceId) {
        return namespace + "lock||" + resourceId;
    }

    private static void require(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new LockException(what + " must not be empty");
        }
    }
}
