// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.desired.FileDesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerDesiredStateTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T14:00:00Z"), ZoneOffset.UTC);
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    /** What runs on a server: deployments with their instance counts, defaults, and the calls in order. */
    static final class Running implements WorkerDesiredState.Local {
        final Map<String, Integer> deployed = new TreeMap<>();
        final Map<String, String> defaults = new TreeMap<>();
        final List<String> calls = new ArrayList<>();
        /** modules that are no longer in the registry */
        final Set<String> gone = new HashSet<>();

        @Override
        public void apply(WorkerSpec spec) {
            calls.add("apply " + spec.id());
            if (gone.contains(spec.module().orElse(""))) {
                throw new WorkerException(404, "module " + spec.module().get() + " is not in the registry");
            }
            deployed.put(spec.id(), spec.instances());
        }

        @Override
        public void remove(String function, String revision) {
            calls.add("remove " + function + "/" + revision);
            deployed.remove(function + "/" + revision);
        }

        @Override
        public void applyDefault(WorkerDefaultSpec spec) {
            calls.add("default " + spec.function() + " " + spec.revision());
            if (!deployed.containsKey(spec.function() + "/" + spec.revision())) {
                throw new WorkerException(404, "the worker has no deployment of " + spec.function() + "/" + spec.revision());
            }
            defaults.put(spec.function(), spec.revision());
        }

        @Override
        public void removeDefault(String function) {
            calls.add("no default " + function);
            defaults.remove(function);
        }
    }

    private static WorkerSpec spec(String function, String revision, String module, int instances) {
        return new WorkerSpec(function, revision, "registry:" + module, SHA, Map.of(), instances);
    }

    private WorkerDesiredState state(Running running) {
        return new WorkerDesiredState(new FileDesiredState(dir), running, CLOCK);
    }

    @Test
    void aRestartedServerDeploysEveryStoredRevisionThenTheDefaults() {
        WorkerDesiredState before = state(new Running());
        before.change(() -> {
            before.stored(spec("accg", "v2", "capa/accg/2", 3));
            before.stored(spec("accg", "v1", "capa/accg/1", 1));
            before.defaultStored(new WorkerDefaultSpec("accg", "v2"));
            return null;
        });
        Running after = new Running();

        WorkerDesiredState.Outcome outcome = state(after).reconcile();

        assertEquals(List.of("apply accg/v1", "apply accg/v2", "default accg v2"), after.calls);
        assertEquals(Map.of("accg/v1", 1, "accg/v2", 3), after.deployed);
        assertEquals(Map.of("accg", "v2"), after.defaults);
        assertEquals(new WorkerDesiredState.Outcome(3, 0, 0), outcome);
    }

    @Test
    void aRevisionWhoseModuleLeftTheRegistryIsReportedAndSoIsTheDefaultPointingAtIt() {
        WorkerDesiredState before = state(new Running());
        before.change(() -> {
            before.stored(spec("accg", "v1", "capa/accg/1", 1));
            before.stored(spec("ok", "v1", "capa/ok/1", 1));
            before.defaultStored(new WorkerDefaultSpec("accg", "v1"));
            return null;
        });
        Running after = new Running();
        after.gone.add("capa/accg/1");
        WorkerDesiredState restarted = state(after);

        WorkerDesiredState.Outcome outcome = restarted.reconcile();

        assertEquals(Map.of("ok/v1", 1), after.deployed);
        assertEquals(new WorkerDesiredState.Outcome(1, 0, 2), outcome);
        assertEquals(Map.of("accg/v1", "module capa/accg/1 is not in the registry"), restarted.deploymentFailures());
        assertEquals(Map.of("worker accg/v1", "module capa/accg/1 is not in the registry",
                "worker-default accg", "the worker has no deployment of accg/v1"), restarted.failures());
    }

    @Test
    void whatAnotherServerSharingTheStoreDeploysScalesOrRemovesIsAppliedHereAtTheNextReconcile() {
        Running here = new Running();
        WorkerDesiredState mine = state(here);
        mine.reconcile();
        WorkerDesiredState other = state(new Running());
        other.change(() -> {
            other.stored(spec("accg", "v1", "capa/accg/1", 1));
            other.stored(spec("accg", "v2", "capa/accg/2", 1));
            return null;
        });
        mine.reconcile();
        assertEquals(Map.of("accg/v1", 1, "accg/v2", 1), here.deployed);

        other.change(() -> {
            other.stored(spec("accg", "v1", "capa/accg/1", 4));
            other.removed("accg", "v2");
            return null;
        });
        WorkerDesiredState.Outcome outcome = mine.reconcile();

        assertEquals(Map.of("accg/v1", 4), here.deployed);
        assertEquals(new WorkerDesiredState.Outcome(1, 1, 0), outcome);
    }

    @Test
    void aChangeStoredHereIsNotAppliedAgainByTheNextReconcile() {
        Running here = new Running();
        WorkerDesiredState mine = state(here);
        mine.change(() -> {
            mine.stored(spec("accg", "v1", "capa/accg/1", 1));
            mine.defaultStored(new WorkerDefaultSpec("accg", "v1"));
            return null;
        });

        mine.reconcile();

        assertEquals(List.of(), here.calls);
    }

    @Test
    void aStoreThatCannotWriteIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("worker"), "a file where the directory should be");
        WorkerDesiredState broken = state(new Running());

        DesiredStateException e = assertThrows(DesiredStateException.class,
                () -> broken.change(() -> {
                    broken.stored(spec("accg", "v1", "capa/accg/1", 1));
                    return null;
                }));

        assertTrue(e.getMessage().startsWith("the worker's desired state (" + dir + ") could not store accg/v1: "), e.getMessage());
    }

    @Test
    void anUnreadableDocumentIsCountedInTheHealthDataWithoutItsPath() throws Exception {
        Files.createDirectories(dir.resolve("worker"));
        Files.writeString(dir.resolve("worker/broken.json"), "not json");
        WorkerDesiredState state = state(new Running());

        state.reconcile();

        assertEquals(Map.of("unreadable documents", "1 (see the server log)"), state.failures());
        assertEquals(Map.of(), state.deploymentFailures());
    }

    @Test
    void aStoreThatCannotBeReadLeavesWhatRunsAndIsReported() throws Exception {
        Running here = new Running();
        WorkerDesiredState state = state(here);
        state.change(() -> {
            state.stored(spec("accg", "v1", "capa/accg/1", 1));
            return null;
        });
        here.deployed.put("accg/v1", 1);
        Path moved = Files.move(dir.resolve("worker"), dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("worker"), "not a directory");

        WorkerDesiredState.Outcome outcome = state.reconcile();

        assertEquals(Map.of("accg/v1", 1), here.deployed);
        assertEquals(new WorkerDesiredState.Outcome(0, 0, 1), outcome);
        assertEquals(Map.of("store", "cannot be read (see the server log)"), state.failures());
        Files.delete(dir.resolve("worker"));
        Files.move(moved, dir.resolve("worker"));
        state.reconcile();
        assertEquals(Map.of(), state.failures());
    }
}
