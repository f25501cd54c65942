// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.desired.Reconciler;
import io.capaee.functions.service.FunctionsConfig;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker's part of the desired state: one {@link WorkerSpec} document per deployment and one
 * {@link WorkerDefaultSpec} per default revision, stored before the API answers and deployed
 * again by {@link #reconcile()} (at start, then periodically, so that what another server sharing
 * the store deployed or removed is applied here too). Deployments are reconciled before defaults.
 * Lock order: the deployments' reconciler, the defaults' reconciler, then {@link Local}.
 */
final class WorkerDesiredState {
    private static final Logger LOG = Logger.getLogger(WorkerDesiredState.class.getName());

    /** What runs on this server, as the reconcilers drive it; each method throws, naming why, when it cannot. */
    interface Local {
        void apply(WorkerSpec spec);

        void remove(String function, String revision);

        void applyDefault(WorkerDefaultSpec spec);

        void removeDefault(String function);
    }

    /** What one reconcile did, over both kinds. */
    record Outcome(int applied, int removed, int failed) {}

    private final DesiredState store;
    private final Clock clock;
    private final Reconciler deployments;
    private final Reconciler defaults;
    private volatile Optional<String> storeFailure = Optional.empty();

    WorkerDesiredState(DesiredState store, Local local, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deployments = new Reconciler(WorkerSpec.KIND, store, Reconciler.Target.of(
                entry -> local.apply(WorkerSpec.from(entry)),
                id -> {
                    int slash = id.indexOf('/'); // the ids are function/revision
                    local.remove(id.substring(0, slash), id.substring(slash + 1));
                }), clock);
        this.defaults = new Reconciler(WorkerDefaultSpec.KIND, store, Reconciler.Target.of(
                entry -> local.applyDefault(WorkerDefaultSpec.from(entry)), local::removeDefault), clock);
    }

    /** Where the documents are (a directory, or a key prefix). */
    String where() {
        return store.where();
    }

    /** Runs an API change; no reconcile runs meanwhile. */
    <R> R change(Supplier<R> change) {
        return deployments.change(() -> defaults.change(change));
    }

    /** Stores a deployment; call it inside {@link #change}. @throws DesiredStateException naming the store */
    void stored(WorkerSpec spec) {
        written(spec.id(), () -> deployments.put(spec.entry(clock.instant())));
    }

    /** Removes a deployment; call it inside {@link #change}. */
    void removed(String function, String revision) {
        written(function + "/" + revision, () -> deployments.remove(function + "/" + revision));
    }

    /** Stores a default revision; call it inside {@link #change}. */
    void defaultStored(WorkerDefaultSpec spec) {
        written("default of " + spec.function(), () -> defaults.put(spec.entry(clock.instant())));
    }

    /** Removes a default revision; call it inside {@link #change}. */
    void defaultRemoved(String function) {
        written("default of " + function, () -> defaults.remove(function));
    }

    private void written(String what, Runnable write) {
        try {
            write.run();
        } catch (DesiredStateException e) {
            throw new DesiredStateException("the worker's desired state (" + store.where() + ") could not store " + what + ": " + e.getMessage(), e);
        }
    }

    /** Brings this server in line with the store; a store that cannot be read is reported in {@link #failures()}. */
    Outcome reconcile() {
        return change(() -> {
            try {
                Reconciler.Outcome d = deployments.reconcile();
                Reconciler.Outcome f = defaults.reconcile();
                if (storeFailure.isPresent()) {
                    LOG.log(Level.INFO, "the worker''s desired state ({0}) can be read again", store.where());
                }
                storeFailure = Optional.empty();
                return new Outcome(d.applied() + f.applied(), d.removed() + f.removed(), d.failed() + f.failed());
            } catch (DesiredStateException e) {
                if (storeFailure.isEmpty()) {
                    LOG.log(Level.SEVERE, "the worker''s desired state ({0}) cannot be read; what runs is left as it is: {1}",
                            new Object[] {store.where(), e.getMessage()});
                }
                storeFailure = Optional.of(e.getMessage());
                return new Outcome(0, 0, 1);
            }
        });
    }

    /** The stored deployments that do not run as stored, by {@code function/revision}, to why. */
    Map<String, String> deploymentFailures() {
        Map<String, String> failed = new TreeMap<>();
        deployments.failures().forEach((id, failure) -> {
            if (isId(id)) {
                failed.put(id, failure.message());
            }
        });
        return failed;
    }

    /**
     * Everything that does not run as stored, for the public health data: {@code store}, then
     * {@code worker <function/revision>} and {@code worker-default <function>} to what is wrong;
     * an unreadable document is counted, not named (its file or key is in the log).
     */
    Map<String, String> failures() {
        Map<String, String> all = new LinkedHashMap<>();
        storeFailure.ifPresent(message -> all.put("store", "cannot be read (see the server log)"));
        int unreadable = 0;
        for (Map.Entry<String, Reconciler.Failure> f : deployments.failures().entrySet()) {
            if (isId(f.getKey())) {
                all.put(WorkerSpec.KIND + " " + f.getKey(), f.getValue().message());
            } else {
                unreadable++;
            }
        }
        for (Map.Entry<String, Reconciler.Failure> f : defaults.failures().entrySet()) {
            if (isId(f.getKey())) {
                all.put(WorkerDefaultSpec.KIND + " " + f.getKey(), f.getValue().message());
            } else {
                unreadable++;
            }
        }
        if (unreadable > 0) {
            all.put("unreadable documents", unreadable + " (see the server log)");
        }
        return all;
    }

    /** True for {@code function} or {@code function/revision}; false for a file or key named for an unreadable document. */
    static boolean isId(String id) {
        String[] parts = id.split("/", -1);
        return parts.length <= 2 && Arrays.stream(parts).allMatch(p -> FunctionsConfig.NAME.matcher(p).matches());
    }
}
