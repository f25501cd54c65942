// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The table of active actors and their life in it: an actor enters on first use (within the
 * {@code capa.actors.max-active} quota), leaves when it has been idle for its type's timeout or when
 * the runtime stops; a closed activation is never reused, so a call arriving as one closes goes to a
 * new one. Who ends an activation's instance is the caller's {@code deactivate}.
 */
final class ActiveActors {
    private final Map<ActorId, Activation> active = new ConcurrentHashMap<>();
    private final Quotas quotas;
    private final Clock clock;
    private volatile boolean closed;

    ActiveActors(Quotas quotas, Clock clock) {
        this.quotas = quotas;
        this.clock = clock;
    }

    /** The activation of {@code actor}, if it is active. */
    Activation get(ActorId actor) {
        return active.get(actor);
    }

    /** The activation of {@code actor}, a new one (with no instance yet) when it is not active; refuses one past the quota. */
    Activation getOrAdd(ActorId actor, HostedType type) {
        return active.computeIfAbsent(actor, id -> {
            quotas.reserveActivation(id);
            return new Activation(id, type, clock.instant(), quotas);
        });
    }

    /** Whether {@code a} is still the table's activation of its actor. */
    boolean isCurrent(Activation a) {
        return active.get(a.id) == a;
    }

    /** Takes a closed activation out of the table (once), giving back its place in the quota. */
    void forget(Activation a) {
        if (active.remove(a.id, a)) {
            quotas.releaseActivation();
        }
    }

    boolean isActive(ActorId actor) {
        return active.containsKey(actor);
    }

    /** The ids of {@code type}'s active actors, sorted. */
    List<String> ids(String type) {
        return active.keySet().stream().filter(id -> id.type().equals(type)).map(ActorId::id).sorted().toList();
    }

    int count(String type) {
        return (int) active.keySet().stream().filter(id -> id.type().equals(type)).count();
    }

    /** How many calls wait for their turn, over {@code type}'s active actors. */
    int queued(String type) {
        return active.values().stream().filter(a -> a.id.type().equals(type)).mapToInt(Activation::queued).sum();
    }

    /** Whether the runtime is stopping: no call is taken any more. */
    boolean closed() {
        return closed;
    }

    /**
     * Closes the actors idle for longer than their type's timeout (else {@code idleTimeout}) and
     * hands each to {@code deactivate}; busy ones, and ones with calls waiting, are skipped.
     */
    int closeIdle(Duration idleTimeout, Consumer<Activation> deactivate) {
        Instant now = clock.instant();
        int done = 0;
        for (Activation a : List.copyOf(active.values())) {
            Duration idle = a.type.idleTimeout().orElse(idleTimeout);
            if (a.lastUsed.plus(idle).isAfter(now)) {
                continue;
            }
            synchronized (a) {
                if (a.closed || a.busy || !a.waiting.isEmpty() || a.lastUsed.plus(idle).isAfter(now)) {
                    continue;
                }
                // closed under the monitor: a call arriving now goes to a new activation
                a.closed = true;
            }
            deactivate.accept(a);
            done++;
        }
        return done;
    }

    /**
     * Refuses every call from now on, then closes each actor in turn: its waiting calls are refused,
     * its running turn is given until {@code wait} has passed (counted from now, for all), and it is
     * handed to {@code deactivate}.
     */
    void closeAll(Duration wait, Consumer<Activation> deactivate) {
        closed = true;
        long end = System.nanoTime() + wait.toNanos();
        for (Activation a : List.copyOf(active.values())) {
            List<Turn<?>> refused;
            synchronized (a) {
                a.closed = true;
                refused = a.unqueueAll();
                refused.forEach(Turn::cancelDeadline);
                try {
                    while (a.busy && System.nanoTime() < end) {
                        a.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            refused.forEach(t -> t.result.completeExceptionally(new ActorException(Reason.CLOSED, "the actor runtime is shutting down")));
            deactivate.accept(a);
        }
    }

    /**
     * Closes the actors {@code which} selects (a partition leaving this server), while the runtime goes
     * on. With {@code drain}, each first finishes its running turn and the calls waiting for it; without,
     * its waiting calls are refused with {@code refusal} at once. Either way a running turn is given until
     * {@code wait} has passed (counted from now, for all) before its actor is handed to {@code deactivate}, so
     * that its instance never runs a turn and its deactivation at once. One already closed (an idle scan
     * got there first) is left alone.
     */
    void closeWhere(Predicate<ActorId> which, boolean drain, Duration wait, Supplier<ActorException> refusal,
                    Consumer<Activation> deactivate) {
        long end = System.nanoTime() + wait.toNanos();
        for (Activation a : List.copyOf(active.values())) {
            if (!which.test(a.id)) {
                continue;
            }
            List<Turn<?>> refused;
            synchronized (a) {
                if (a.closed) {
                    continue;
                }
                try {
                    while (drain && (a.busy || !a.waiting.isEmpty()) && System.nanoTime() - end < 0) {
                        a.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    }
                    a.closed = true;
                    refused = a.unqueueAll();
                    refused.forEach(Turn::cancelDeadline);
                    while (a.busy && System.nanoTime() - end < 0) {
                        a.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    a.closed = true;
                    refused = a.unqueueAll();
                }
            }
            refused.forEach(t -> t.result.completeExceptionally(refusal.get()));
            deactivate.accept(a);
        }
    }
}
