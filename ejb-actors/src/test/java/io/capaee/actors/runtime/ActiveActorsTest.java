// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActiveIdPage;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ActiveActors}: the table of active actors, the activation quota, the idle scan and shutdown. */
class ActiveActorsTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final ActorId a = new ActorId("counter", "a");

    @Test
    void idleActorsAreDeactivatedAndComeBackWithTheirState() {
        ActorRuntimeCore core = fx.runtime(new ActorSettings(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "t:"));
        call(core, a, "add", "4");
        fx.clock.advance(Duration.ofMinutes(9));
        assertEquals(0, core.scanIdle());
        fx.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, core.scanIdle());
        assertTrue(core.status().stream().allMatch(s -> s.active() == 0));
        assertEquals("4", call(core, a, "get", null));
        assertEquals(Optional.of("2"), core.getState(a, "activations"));
        assertEquals(1, core.stats().get("counter").getDeactivations());
    }

    @Test
    void anOperatorDeactivatesOneActorWhichComesBackWithItsStateAndLeavesTheOthersActive() {
        ActorRuntimeCore core = fx.runtime();
        ActorId b = new ActorId("counter", "b");
        assertFalse(core.deactivate(a), "not active: nothing to do");
        call(core, a, "add", "4");
        call(core, b, "add", "1");
        assertTrue(core.deactivate(a));
        assertEquals(1, core.stats().get("counter").getDeactivations());
        assertEquals(1, core.stats().get("counter").getActive(), "b stays");
        assertFalse(core.deactivate(a), "already gone");
        assertEquals("4", call(core, a, "get", null));
        assertEquals(2, core.stats().get("counter").getActive());
    }

    @Test
    void activeIdsAreListedSortedPerTypeAndPagedWithTheTotal() {
        ActorRuntimeCore core = fx.runtime();
        for (String id : List.of("c", "a", "d", "b")) {
            call(core, new ActorId("counter", id), "add", "1");
        }
        call(core, new ActorId("plain", "p"), "hello", null);
        ActiveIdPage first = core.activeIds("counter", 0, 3);
        assertEquals(List.of("a", "b", "c"), first.ids());
        assertEquals(4, first.total());
        assertEquals(List.of("d"), core.activeIds("counter", 3, 3).ids());
        assertEquals(List.of(), core.activeIds("counter", 9, 3).ids(), "past the end: an empty page");
        assertEquals(List.of("p"), core.activeIds("plain", 0, 50).ids());
        assertEquals(0, core.activeIds("nosuch", 0, 50).total());
        assertTrue(core.here().deactivate(new ActorId("counter", "b")), "the owner's view deactivates too");
        assertEquals(List.of("a", "c", "d"), core.here().activeIds("counter", 0, 50).ids());
    }

    @Test
    void perTypeIdleTimeoutWins() {
        ActorRuntimeCore core = fx.runtime();
        ActorId p = new ActorId("plain", "p");
        call(core, p, "hello", null);
        fx.clock.advance(Duration.ofSeconds(6));
        assertEquals(1, core.scanIdle());
    }

    @Test
    void anActorIsAddedOnceAndNoneIsAddedPastTheQuotaUntilOneIsForgotten() {
        Quotas quotas = new Quotas(new ActorLimits(Duration.ofSeconds(1), 10, 10, 1, 100, 100));
        ActiveActors active = new ActiveActors(quotas, fx.clock);
        RecordingKind kind = new RecordingKind("kind", Optional.empty());
        Activation first = active.getOrAdd(new ActorId("kind", "1"), kind);
        assertTrue(active.getOrAdd(new ActorId("kind", "1"), kind) == first, "the same actor is one activation");
        ActorException full = assertThrows(ActorException.class, () -> active.getOrAdd(new ActorId("kind", "2"), kind));
        assertEquals(Reason.QUOTA, full.reason());
        assertTrue(full.getMessage().contains("capa.actors.max-active"), full.getMessage());
        active.forget(first);
        active.forget(first);
        assertEquals(0, quotas.activations(), "an activation gives its place back once");
        assertFalse(active.isCurrent(first));
        active.getOrAdd(new ActorId("kind", "2"), kind);
        assertEquals(1, active.count("kind"), "its place went to the next");
    }

    @Test
    void theIdleScanClosesOnlyActorsIdleLongerThanTheirTypesTimeoutWithNoTurnRunningOrWaiting() {
        ActiveActors active = new ActiveActors(new Quotas(ActorLimits.defaults()), fx.clock);
        RecordingKind quick = new RecordingKind("quick", Optional.of(Duration.ofSeconds(5)));
        RecordingKind slow = new RecordingKind("slow", Optional.empty());
        Activation q = active.getOrAdd(new ActorId("quick", "q"), quick);
        Activation busy = active.getOrAdd(new ActorId("quick", "busy"), quick);
        Activation s = active.getOrAdd(new ActorId("slow", "s"), slow);
        synchronized (busy) {
            busy.busy = true;
        }
        List<Activation> closed = new ArrayList<>();
        fx.clock.advance(Duration.ofSeconds(6));
        assertEquals(1, active.closeIdle(Duration.ofMinutes(1), closed::add));
        assertEquals(List.of(q), closed, "the slow type's actor is not idle for a minute yet; the busy one is never idle");
        fx.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, active.closeIdle(Duration.ofMinutes(1), closed::add));
        assertEquals(List.of(q, s), closed);
        assertTrue(q.closed && s.closed && !busy.closed);
    }

    @Test
    void closingEveryActorRefusesTheCallsWaitingAndEveryCallAfter() {
        ActiveActors active = new ActiveActors(new Quotas(ActorLimits.defaults()), fx.clock);
        Activation act = active.getOrAdd(new ActorId("kind", "k"), new RecordingKind("kind", Optional.empty()));
        Turn<String> waiting = new Turn<>("chain", 3, true, x -> CompletableFuture.completedFuture("never"));
        synchronized (act) {
            act.queue(waiting);
        }
        List<Activation> closed = new ArrayList<>();
        active.closeAll(Duration.ZERO, closed::add);
        assertEquals(List.of(act), closed);
        assertTrue(active.closed());
        ActorException e = assertThrows(ActorException.class, () -> Stages.await(Duration.ofSeconds(1), waiting.result));
        assertEquals(Reason.CLOSED, e.reason());
    }
}
