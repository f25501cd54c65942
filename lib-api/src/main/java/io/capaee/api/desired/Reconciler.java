// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps what runs on this server in line with one kind of the desired state. At start and then
 * periodically, {@link #reconcile()} deploys entries that are new or changed in the store (written
 * by this server before a restart, or by another server sharing the store) and undeploys what was
 * removed from it. Changes made through this server's API run in {@link #change}, which stores them
 * and records them as applied, so a reconcile never interleaves with them nor applies them twice.
 *
 * <p>An entry that cannot be deployed (its module left the registry, its digest changed, its
 * connector spec no longer parses) is reported in {@link #failures()} and the log, and tried again
 * at the next reconcile; nothing is half-started, because the {@link Target} refuses it whole.
 * Lock order: this reconciler, then whatever the target locks; never the other way round.
 */
public final class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    /** What runs, as the reconciler drives it. */
    public interface Target {
        /** Deploys the entry, replacing what runs under its id; throws, naming the reason, when it cannot. */
        void apply(DesiredEntry entry);

        /** Undeploys {@code id}, removed from the desired state elsewhere; nothing when it does not run here. */
        void remove(String id);

        /** A target made of its two operations. */
        static Target of(Consumer<DesiredEntry> apply, Consumer<String> remove) {
            return new Target() {
                @Override
                public void apply(DesiredEntry entry) {
                    apply.accept(entry);
                }

                @Override
                public void remove(String id) {
                    remove.accept(id);
                }
            };
        }
    }

    /** An entry (or an unreadable document) that is not running as the desired state says. */
    public record Failure(String id, String message, Instant at) {}

    /** What one reconcile did. */
    public record Outcome(int applied, int removed, int failed) {}

    private final String kind;
    private final DesiredState state;
    private final Target target;
    private final Clock clock;
    /** id to the document applied (as stored), so an unchanged entry is not deployed again. */
    private final Map<String, String> applied = new HashMap<>();
    private final Map<String, Failure> failures = new TreeMap<>();

    public Reconciler(String kind, DesiredState state, Target target, Clock clock) {
        DesiredEntry.requireKind(kind);
        this.kind = kind;
        this.state = Objects.requireNonNull(state, "state");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String kind() {
        return kind;
    }

    public DesiredState state() {
        return state;
    }

    /**
     * Runs a change made through this server's API: {@code change} deploys locally (and throws to
     * refuse), then calls {@link #put} or {@link #remove} here. Nothing else changes this kind meanwhile.
     */
    public synchronized <R> R change(Supplier<R> change) {
        return change.get();
    }

    /** Stores {@code entry} as deployed here; call it from inside {@link #change}, after the local deploy. */
    public synchronized void put(DesiredEntry entry) {
        requireKind(entry);
        state.put(entry);
        applied.put(entry.id(), entry.toJson());
        failures.remove(entry.id());
    }

    /** Removes {@code id} from the desired state; call it from inside {@link #change}. */
    public synchronized boolean remove(String id) {
        boolean existed = state.remove(kind, id);
        applied.remove(id);
        failures.remove(id);
        return existed;
    }

    /**
     * Brings this server in line with the store. Throws {@link DesiredStateException} when the
     * store cannot be read (what runs is left as it is).
     */
    public synchronized Outcome reconcile() {
        return reconcile(Runnable::run, 1);
    }

    /**
     * As {@link #reconcile()}, deploying up to {@code lanes} entries side by side on
     * {@code executor} (the target must then take different ids at once): a start that deploys
     * many entries uses every core. Removals stay one after another. When the executor refuses,
     * the entries are deployed on the calling thread.
     */
    public synchronized Outcome reconcile(Executor executor, int lanes) {
        DesiredState.Listing listing = state.list(kind);
        int deployed = 0;
        int failed = 0;
        Set<String> wanted = new HashSet<>();
        List<DesiredEntry> changed = new ArrayList<>();
        for (DesiredEntry entry : listing.entries()) {
            wanted.add(entry.id());
            if (!entry.toJson().equals(applied.get(entry.id()))) {
                changed.add(entry);
            }
        }
        Map<String, RuntimeException> refused = applyAll(changed, executor, lanes);
        for (DesiredEntry entry : changed) {
            RuntimeException e = refused.get(entry.id());
            if (e == null) {
                applied.put(entry.id(), entry.toJson());
                if (failures.remove(entry.id()) != null) {
                    LOG.log(Level.INFO, "{0} {1} deployed from the desired state after an earlier failure", new Object[] {kind, entry.id()});
                }
                deployed++;
            } else {
                failed++;
                fail(entry.id(), messageOf(e));
            }
        }
        listing.unreadable().forEach((where, message) -> fail(where, "unreadable: " + message));
        failed += listing.unreadable().size();
        int removed = 0;
        for (String id : List.copyOf(applied.keySet())) {
            if (!wanted.contains(id)) {
                try {
                    target.remove(id);
                    applied.remove(id);
                    removed++;
                } catch (RuntimeException e) {
                    failed++;
                    fail(id, "cannot be removed: " + messageOf(e));
                }
            }
        }
        failures.keySet().removeIf(id -> !wanted.contains(id) && !applied.containsKey(id) && !listing.unreadable().containsKey(id));
        return new Outcome(deployed, removed, failed);
    }

    /**
     * Applies {@code entries} in up to {@code lanes} runs side by side, the calling thread one of
     * them; returns why each refused one was refused. A lane the executor has not started by the
     * time the entries are all taken is skipped, not waited for: a container may hold tasks back
     * until the application has started, which may be waiting for this very reconcile.
     */
    private Map<String, RuntimeException> applyAll(List<DesiredEntry> entries, Executor executor, int lanes) {
        Map<String, RuntimeException> refused = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Runnable takeEntries = () -> {
            for (int i = next.getAndIncrement(); i < entries.size(); i = next.getAndIncrement()) {
                DesiredEntry entry = entries.get(i);
                try {
                    target.apply(entry);
                } catch (RuntimeException e) {
                    refused.put(entry.id(), e);
                }
            }
        };
        List<Lane> others = new ArrayList<>();
        for (int i = 1; i < Math.min(lanes, entries.size()); i++) {
            Lane lane = new Lane(takeEntries);
            try {
                executor.execute(lane);
                others.add(lane);
            } catch (RejectedExecutionException e) {
                break; // the lanes that run, this thread's among them, take the rest
            }
        }
        takeEntries.run();
        for (Lane lane : others) {
            lane.awaitIfStarted();
        }
        return refused;
    }

    /** A run of {@code applyAll} on the executor: it runs only if it starts before the calling thread has finished. */
    private static final class Lane implements Runnable {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private final Runnable work;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Error error;

        Lane(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return; // started too late: the entries were all taken
            }
            try {
                work.run();
            } catch (Error e) {
                error = e;
            } finally {
                state.set(DONE);
                done.countDown();
            }
        }

        void awaitIfStarted() {
            if (state.compareAndSet(WAITING, DONE)) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the entry in flight finishes first, so that the outcome is complete
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (error != null) {
                throw error;
            }
        }
    }

    /** The entries that do not run as the desired state says, by id (or by where an unreadable document is). */
    public synchronized Map<String, Failure> failures() {
        return Map.copyOf(failures);
    }

    private void fail(String id, String message) {
        Failure previous = failures.get(id);
        if (previous == null || !previous.message().equals(message)) {
            LOG.log(Level.SEVERE, "{0} {1} of the desired state ({2}) is not deployed: {3}",
                    new Object[] {kind, id, state.where(), message});
            failures.put(id, new Failure(id, message, clock.instant()));
        }
    }

    private void requireKind(DesiredEntry entry) {
        if (!entry.kind().equals(kind)) {
            throw new IllegalArgumentException("entry of kind " + entry.kind() + " given to the reconciler of " + kind);
        }
    }

    private static String messageOf(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
