// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One actor while it is active: its instance, the lock that makes its calls turn-based, its
 * in-memory timers, and when it was last used. Fields other than the lock are guarded by it.
 */
final class Activation {
    final ActorId id;
    final HostedType type;
    final ReentrantLock lock = new ReentrantLock();
    final Map<String, Scheduler.Scheduled> timers = new ConcurrentHashMap<>();
    ActorInstance instance;
    boolean closed;
    volatile Instant lastUsed;

    Activation(ActorId id, HostedType type, Instant now) {
        this.id = id;
        this.type = type;
        this.lastUsed = now;
    }
}
