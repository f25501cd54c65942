// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
    private static final Instant AT = Instant.parse("2026-12-06T14:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** What runs: ids deployed, with a log of calls; ids in {@code refused} cannot be deployed. */
    static final class Running implements Reconciler.Target {
        final Map<String, String> deployed = new java.util.TreeMap<>();
        final List<String> calls = new ArrayList<>();
        final Set<String> refused = new HashSet<>();

        @Override
        public void apply(DesiredEntry entry) {
            calls.add("apply " + entry.id());
            if (refused.contains(entry.id())) {
                throw new IllegalStateException("module org/" + entry.id() + "/1 is no longer in the registry");
            }
            deployed.put(entry.id(), entry.spec().getString("v"));
        }

        @Override
        public void remove(String id) {
            calls.add("remove " + id);
            deployed.remove(id);
        }
    }

    private static DesiredEntry entry(String id, String value) {
        return new DesiredEntry("worker", id, Json.createObjectBuilder().add("v", value).build(), AT);
    }

    @Test
    void aTargetMadeOfTwoOperationsHandsEachCallToItsOwn() {
        List<String> calls = new ArrayList<>();
        Reconciler.Target target = Reconciler.Target.of(e -> calls.add("apply " + e.id()), id -> calls.add("remove " + id));
        target.apply(entry("a", "1"));
        target.remove("b");
        assertEquals(List.of("apply a", "remove b"), calls);
    }

    @Test
    void aRestartedServerDeploysWhatItsPredecessorStored() {
        FileDesiredState state = new FileDesiredState(dir);
        Reconciler before = new Reconciler("worker", state, new Running(), CLOCK);
        before.change(() -> {
            before.put(entry("a", "1"));
            before.put(entry("b", "2"));
            return null;
        });
        Running after = new Running();

        Reconciler.Outcome outcome = new Reconciler("worker", new FileDesiredState(dir), after, CLOCK).reconcile();

        assertEquals(Map.of("a", "1", "b", "2"), after.deployed);
        assertEquals(new Reconciler.Outcome(2, 0, 0), outcome);
    }

    @Test
    void anEntryThisServerStoredIsNotDeployedAgainByTheNextReconcile() {
        Running running = new Running();
        Reconciler reconciler = new Reconciler("worker", new FileDesiredState(dir), running, CLOCK);
        reconciler.change(() -> {
            running.apply(entry("a", "1"));
            reconciler.put(entry("a", "1"));
            return null;
        });

        reconciler.reconcile();

        assertEquals(List.of("apply a"), running.calls);
    }

    @Test
    void whatAnotherServerChangesOrRemovesInTheSharedStoreIsAppliedHere() {
        FileDesiredState shared = new FileDesiredState(dir);
        Running here = new Running();
        Reconciler reconciler = new Reconciler("worker", shared, here, CLOCK);
        shared.put(entry("a", "1"));
        shared.put(entry("b", "1"));
        reconciler.reconcile();

        shared.put(entry("a", "2"));
        shared.remove("worker", "b");
        Reconciler.Outcome outcome = reconciler.reconcile();

        assertEquals(Map.of("a", "2"), here.deployed);
        assertEquals(new Reconciler.Outcome(1, 1, 0), outcome);
    }

    @Test
    void anEntryThatCannotBeDeployedIsReportedAndTriedAgainUntilItCan() {
        FileDesiredState state = new FileDesiredState(dir);
        state.put(entry("gone", "1"));
        Running running = new Running();
        running.refused.add("gone");
        Reconciler reconciler = new Reconciler("worker", state, running, CLOCK);

        assertEquals(new Reconciler.Outcome(0, 0, 1), reconciler.reconcile());
        Reconciler.Failure failure = reconciler.failures().get("gone");
        assertEquals("module org/gone/1 is no longer in the registry", failure.message());
        assertEquals(AT, failure.at());
        assertTrue(running.deployed.isEmpty());

        running.refused.clear();
        reconciler.reconcile();

        assertEquals(Map.of("gone", "1"), running.deployed);
        assertTrue(reconciler.failures().isEmpty());
    }

    @Test
    void anUnreadableDocumentIsAFailureNamedByWhereItIs() throws Exception {
        Files.createDirectories(dir.resolve("worker"));
        Path broken = dir.resolve("worker/broken.json");
        Files.writeString(broken, "not json");
        Reconciler reconciler = new Reconciler("worker", new FileDesiredState(dir), new Running(), CLOCK);

        reconciler.reconcile();

        assertTrue(reconciler.failures().get(broken.toString()).message().startsWith("unreadable: "));
    }

    @Test
    void aFailedEntryRemovedFromTheStoreIsNoLongerReported() {
        FileDesiredState state = new FileDesiredState(dir);
        state.put(entry("gone", "1"));
        Running running = new Running();
        running.refused.add("gone");
        Reconciler reconciler = new Reconciler("worker", state, running, CLOCK);
        reconciler.reconcile();

        state.remove("worker", "gone");
        reconciler.reconcile();

        assertTrue(reconciler.failures().isEmpty());
    }

    @Test
    void anEntryOfAnotherKindIsRefused() {
        Reconciler reconciler = new Reconciler("worker", new FileDesiredState(dir), new Running(), CLOCK);
        DesiredEntry connector = new DesiredEntry("connector", "a", Json.createObjectBuilder().build(), AT);

        assertThrows(IllegalArgumentException.class, () -> reconciler.put(connector));
    }
}
