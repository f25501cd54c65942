// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
    /** Changed only through the timer methods below, which keep the server's count of timers. */
    private final Map<String, Scheduler.Scheduled> timers = new ConcurrentHashMap<>();
    private final Quotas quotas;
    /** Guarded. Calls waiting for their turn, oldest first; add and take them with {@link #queue} and {@link #unqueue}. */
    final Deque<Turn<?>> waiting = new ArrayDeque<>();
    /** Guarded. Bytes of the bodies of the calls in {@link #waiting}. */
    long queuedBytes;
    /** Guarded. A turn is running (possibly waiting for a remote host, on no thread). */
    boolean busy;
    /**
     * Guarded. The running turn has begun its state inside the instance: only then may a call of its
     * chain re-enter (one let in earlier would write to a state the turn's beginning then resets).
     */
    boolean inside;
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
    /** The site {@link #instance} was made from; set with it. */
    volatile Site site;
    volatile Instant lastUsed;

    Activation(ActorId id, HostedType type, Instant now, Quotas quotas) {
        this.id = id;
        this.type = type;
        this.lastUsed = now;
        this.quotas = quotas;
    }

    /** Guarded. Adds a call to the queue, or refuses it (throws) when its body would pass a byte quota. */
    void queue(Turn<?> t) {
        quotas.reserveQueued(id, queuedBytes, t.bytes);
        queuedBytes += t.bytes;
        waiting.add(t);
    }

    /** Guarded. Takes a call off the queue; false when it was not there (it started meanwhile). */
    boolean unqueue(Turn<?> t) {
        if (!waiting.remove(t)) {
            return false;
        }
        released(t);
        return true;
    }

    /** Guarded. Empties the queue, returning what waited. */
    List<Turn<?>> unqueueAll() {
        List<Turn<?>> all = List.copyOf(waiting);
        waiting.clear();
        all.forEach(this::released);
        return all;
    }

    private void released(Turn<?> t) {
        queuedBytes -= t.bytes;
        quotas.releaseQueued(t.bytes);
    }

    /** Takes the oldest waiting call as the running turn; call with the monitor held and {@link #waiting} not empty. */
    Turn<?> startNext() {
        Turn<?> next = waiting.poll();
        released(next);
        next.cancelDeadline();
        start(next);
        return next;
    }

    /** How many calls wait for their turn now (an operator's view). */
    synchronized int queued() {
        return waiting.size();
    }

    /** Whether a turn is running now (an operator's view). */
    synchronized boolean running() {
        return busy;
    }

    /** Guarded. Makes {@code t}, which never waited, the running turn of this idle actor. */
    void start(Turn<?> t) {
        busy = true;
        chain = t.chain;
        depth = 1;
    }

    Scheduler.Scheduled timer(String name) {
        return timers.get(name);
    }

    int timerCount() {
        return timers.size();
    }

    /** Sets a timer's slot; returns the one it replaces, if any. */
    Scheduler.Scheduled putTimer(String name, Scheduler.Scheduled slot) {
        Scheduler.Scheduled previous = timers.put(name, slot);
        if (previous == null) {
            quotas.timerAdded();
        }
        return previous;
    }

    /** Removes a timer's slot if it is still {@code slot}. */
    void removeTimer(String name, Scheduler.Scheduled slot) {
        if (timers.remove(name, slot)) {
            quotas.timersRemoved(1);
        }
    }

    /** Removes a timer, returning its slot (null when there was none). */
    Scheduler.Scheduled removeTimer(String name) {
        Scheduler.Scheduled slot = timers.remove(name);
        if (slot != null) {
            quotas.timersRemoved(1);
        }
        return slot;
    }

    /** Cancels and removes every timer. */
    void cancelTimers() {
        for (String name : List.copyOf(timers.keySet())) {
            Scheduler.Scheduled slot = removeTimer(name);
            if (slot != null) {
                slot.cancel();
            }
        }
    }
}
