// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.lock;

import java.time.Duration;

/**
 * A handle on a lock store. A lock is a lease: it is released by its owner, or by itself once
 * {@code expiry} has passed. Not re-entrant: a second {@code tryLock} by the same owner fails
 * while the lease runs. Resource ids are namespaced per application, like state keys.
 * Not thread-safe: one handle per unit of work; failures throw {@link LockException}.
 */
public interface LockConnection extends AutoCloseable {
    /** Takes the lock if nobody holds it; never waits. True when {@code owner} now holds it. */
    boolean tryLock(String resourceId, String owner, Duration expiry);

    /** Releases the lock if {@code owner} holds it; the owner check and the release are atomic. */
    UnlockStatus unlock(String resourceId, String owner);

    @Override
    void close();
}
