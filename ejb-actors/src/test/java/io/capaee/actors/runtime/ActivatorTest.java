// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link Activator}: an instance made from its actor's site, its lifecycle hooks each in a turn of its own. */
class ActivatorTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final Quotas quotas = new Quotas(ActorLimits.defaults());
    private final ActiveActors active = new ActiveActors(quotas, clock);
    private final TypeRegistry types = new TypeRegistry(name -> Optional.empty(), active::count);
    private final ActorStore store = new ActorStore(new MemoryKeyValue(), "act:");
    private final Activator activator = new Activator(id -> new Site(id, store, null, null), types, active);
    private final RecordingKind kind = new RecordingKind("kind", Optional.empty());
    private final ActorId id = new ActorId("kind", "k");

    ActivatorTest() {
        types.register(kind);
    }

    @Test
    void anInstanceIsMadeFromItsActorsSiteAndHearsOnActivateInATurnOfItsOwn() {
        Activation a = active.getOrAdd(id, kind);
        activator.activate(a);
        assertEquals(id, kind.sites.get(0).id());
        assertEquals(List.of("begin", "activate", "end true"), kind.events);
        assertEquals(1, types.stats("kind").getActivations());
        assertEquals(1, types.stats("kind").getActive());
    }

    @Test
    void anInstanceWhoseOnActivateFailsIsNotKeptAndWhatItsHookWroteIsDiscarded() {
        kind.failOnActivate = new IllegalStateException("no");
        Activation a = active.getOrAdd(id, kind);
        assertThrows(IllegalStateException.class, () -> activator.activate(a));
        assertNull(a.instance);
        assertEquals(List.of("begin", "activate", "end false"), kind.events);
        assertEquals(0, types.stats("kind").getActivations());
    }

    @Test
    void deactivationStopsTheTimersLeavesTheTableAndOutlivesAFailingOnDeactivate() {
        Activation a = active.getOrAdd(id, kind);
        activator.activate(a);
        AtomicBoolean cancelled = new AtomicBoolean();
        a.putTimer("t", () -> cancelled.set(true));
        kind.failOnDeactivate = new IllegalStateException("already gone");
        activator.deactivate(a);
        assertTrue(cancelled.get());
        assertEquals(List.of("begin", "activate", "end true", "begin", "deactivate", "end false"), kind.events);
        assertNull(active.get(id));
        assertEquals(0, quotas.activations());
        assertEquals(0, quotas.timers());
        assertEquals(1, types.stats("kind").getDeactivations());
    }

    @Test
    void anActivationThatNeverGotItsInstanceIsOnlyTakenOutOfTheTable() {
        Activation a = active.getOrAdd(id, kind);
        activator.deactivate(a);
        assertNull(active.get(id));
        assertEquals(List.of(), kind.events);
        assertEquals(0, types.stats("kind").getDeactivations());
    }
}
