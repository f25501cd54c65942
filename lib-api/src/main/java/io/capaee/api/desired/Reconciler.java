// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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
        DesiredState.Listing listing = state.list(kind);
        int deployed = 0;
        int failed = 0;
        Set<String> wanted = new HashSet<>();
        for (DesiredEntry entry : listing.entries()) {
            wanted.add(entry.id());
            String document = entry.toJson();
            if (document.equals(applied.get(entry.id()))) {
                continue;
            }
            try {
                target.apply(entry);
                applied.put(entry.id(), document);
                if (failures.remove(entry.id()) != null) {
                    LOG.log(Level.INFO, "{0} {1} deployed from the desired state after an earlier failure", new Object[] {kind, entry.id()});
                }
                deployed++;
            } catch (RuntimeException e) {
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
