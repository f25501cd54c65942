// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One actor while it is active: its instance, its turn queue, its in-memory timers, and when it
 * was last used. A call waits in {@link #waiting} (FIFO) without holding a thread; the runtime starts
 * the next one on its executor when the running turn ends. Fields marked so are guarded by
 * {@code synchronized (this)}; {@link #instance} is touched only from inside a turn.
 */
final class Activation {
    final ActorId id;
    final HostedType type;
    final Map<String, Scheduler.Scheduled> timers = new ConcurrentHashMap<>();
    /** Guarded. Calls waiting for their turn, oldest first. */
    final Deque<Turn<?>> waiting = new ArrayDeque<>();
    /** Guarded. A turn is running (possibly waiting for a remote host, on no thread). */
    boolean busy;
    /** Guarded. The reentrancy id of the running turn's call chain. */
    String chain;
    /** Guarded. Turns of {@link #chain} inside the actor now: 1 for the outermost, more when reentered. */
    int depth;
    /** Guarded. Reentrant turns of {@link #chain} still running (they may outlive the outermost one). */
    int reentrant;
    /** Guarded. The outermost turn has ended while reentrant ones still run: release the actor after the last. */
    boolean releasePending;
    /** Guarded. Deactivated: new calls go to a new activation. */
    boolean closed;
    volatile ActorInstance instance;
    volatile Instant lastUsed;

    Activation(ActorId id, HostedType type, Instant now) {
        this.id = id;
        this.type = type;
        this.lastUsed = now;
    }

    /** Takes the oldest waiting call as the running turn; call with the monitor held and {@link #waiting} not empty. */
    Turn<?> startNext() {
        Turn<?> next = waiting.poll();
        next.cancelDeadline();
        busy = true;
        chain = next.chain;
        depth = 1;
        return next;
    }
}
