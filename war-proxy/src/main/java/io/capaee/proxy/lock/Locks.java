// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.lock.LockException;
import io.capaee.api.lock.LockStoreFullException;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Try-lock and unlock on a lock store {@code eis/capa/lock/NAME}, for the HTTP and the gRPC API alike.
 * Empty ids, empty owners, expiries under 1 s and expiries above {@code capa.lock.max-expiry-seconds}
 * are 400 {@code ERR_MALFORMED_REQUEST}; an unknown store 400 {@code ERR_LOCK_STORE_NOT_FOUND}; a full
 * memory store 507 {@code ERR_LOCK_STORE_FULL}. A store's failure is logged with its detail; the client
 * learns the store's name.
 */
@ApplicationScoped
public class Locks {
    private static final Logger LOG = Logger.getLogger(Locks.class.getName());

    @Inject
    JndiComponents components;

    @Inject
    @ConfigProperty(name = "capa.lock.max-expiry-seconds")
    long maxExpirySeconds;

    Locks() {}

    /** Outside CDI (tests): on these components, with this longest lease. */
    public Locks(JndiComponents components, long maxExpirySeconds) {
        this.components = components;
        this.maxExpirySeconds = maxExpirySeconds;
    }

    public boolean tryLock(String store, String resourceId, String owner, long expirySeconds) {
        required("resourceId", resourceId);
        required("lockOwner", owner);
        if (expirySeconds <= 0) {
            throw malformed("'expiryInSeconds' must be a whole number of seconds above 0, got " + expirySeconds);
        }
        if (expirySeconds > maxExpirySeconds) {
            throw malformed("'expiryInSeconds' must be at most " + maxExpirySeconds + " (capa.lock.max-expiry-seconds), got "
                    + expirySeconds);
        }
        LockConnectionFactory factory = store(store);
        try (LockConnection locks = factory.getConnection()) {
            return locks.tryLock(resourceId, owner, Duration.ofSeconds(expirySeconds));
        } catch (LockStoreFullException e) {
            throw new DaprException(507, "ERR_LOCK_STORE_FULL", "lock store " + store + ": " + e.getMessage());
        } catch (LockException e) {
            LOG.log(Level.WARNING, "try-lock in lock store {0} failed: {1}", new Object[] {store, e.getMessage()});
            throw new DaprException(500, "ERR_TRY_LOCK", "lock store " + store + " failed; the server log has the detail", e);
        }
    }

    public UnlockStatus unlock(String store, String resourceId, String owner) {
        required("resourceId", resourceId);
        required("lockOwner", owner);
        LockConnectionFactory factory = store(store);
        try (LockConnection locks = factory.getConnection()) {
            return locks.unlock(resourceId, owner);
        } catch (LockException e) {
            // Dapr answers a store failure on unlock with status 3 (internal error), not with an error
            LOG.log(Level.WARNING, "unlock in lock store {0} failed: {1}", new Object[] {store, e.getMessage()});
            return UnlockStatus.INTERNAL_ERROR;
        }
    }

    long maxExpirySeconds() {
        return maxExpirySeconds;
    }

    private LockConnectionFactory store(String name) {
        return components.find("lock", name, LockConnectionFactory.class).orElseThrow(
                () -> new DaprException(400, "ERR_LOCK_STORE_NOT_FOUND", "lock store " + name + " is not found"));
    }

    private static void required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw malformed("'" + field + "' must be a non-empty string");
        }
    }

    static DaprException malformed(String message) {
        return new DaprException(400, "ERR_MALFORMED_REQUEST", message);
    }
}
