// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static io.capaee.actors.runtime.RuntimeFixture.inChain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.runtime.RuntimeFixture.Gate;
import io.capaee.actors.runtime.RuntimeFixture.Reentrant;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Turns}: one turn at a time per actor, a queue that holds no thread, call chains and reentrancy. */
class TurnsTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final ActorId a = new ActorId("counter", "a");

    @Test
    void callsToOneActorNeverInterleaveAndDifferentActorsRunInParallel() throws Exception {
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults(), fx.turns);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                results.add(pool.submit(() -> call(core, a, "turn", null)));
            }
            for (Future<String> f : results) {
                f.get();
            }
            assertEquals("800", call(core, a, "get", null));
            assertEquals(Optional.empty(), core.getState(a, "overlaps"));

            long start = System.nanoTime();
            List<Future<String>> sleeps = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ActorId id = new ActorId("counter", "s" + i);
                sleeps.add(pool.submit(() -> call(core, id, "sleep", "300")));
            }
            for (Future<String> f : sleeps) {
                f.get();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 16 * 300 / 2, "16 sleeps of 300 ms on 16 actors took " + millis + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reentrancyIsRefusedByDefaultAndLimitedWhenOn() {
        ActorRuntimeCore off = fx.runtime();
        Reentrant.runtime = off;
        ActorException e = assertThrows(ActorException.class, () -> call(off, new ActorId("reentrant", "r"), "depth", "3"));
        assertEquals(Reason.STACK_DEPTH, e.reason());

        ActorRuntimeCore on = fx.runtime(new ActorSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5), true, 4, "on:"));
        Reentrant.runtime = on;
        assertEquals("3", call(on, new ActorId("reentrant", "r"), "depth", "3"));
        assertEquals(Reason.STACK_DEPTH, assertThrows(ActorException.class, () -> call(on, new ActorId("reentrant", "r"), "depth", "10")).reason());
    }

    @Test
    void aWaitingCallHoldsNoThreadAndCallsRunInArrivalOrder() throws Exception {
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults(), fx.turns);
        CountDownLatch release = Gate.shut();
        ActorId g = new ActorId("gate", "g");
        CompletableFuture<?> first = core.invokeAsync(g, "hold", ActorRequest.json("\"first\"")).toCompletableFuture();
        List<CompletableFuture<?>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // returns at once although the actor is busy: nobody blocks waiting for the turn
            queued.add(core.invokeAsync(g, "hold", ActorRequest.json("\"" + i + "\"")).toCompletableFuture());
        }
        assertFalse(first.isDone());
        release.countDown();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>(List.of("first"));
        for (int i = 0; i < 20; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, Gate.order(core, g));
    }

    @Test
    void callsBeyondTheQueueLimitAreRefusedAtOnce() throws Exception {
        ActorRuntimeCore core = fx.runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32,
                "q:", 2), fx.turns);
        CountDownLatch release = Gate.shut();
        ActorId g = new ActorId("gate", "q");
        CompletableFuture<?> first = core.invokeAsync(g, "hold", ActorRequest.json("\"first\"")).toCompletableFuture();
        CompletableFuture<?> second = core.invokeAsync(g, "hold", ActorRequest.json("\"second\"")).toCompletableFuture();
        CompletableFuture<?> third = core.invokeAsync(g, "hold", ActorRequest.json("\"third\"")).toCompletableFuture();
        CompletableFuture<?> refused = core.invokeAsync(g, "hold", ActorRequest.json("\"refused\"")).toCompletableFuture();
        ActorException e = assertThrows(ActorException.class, () -> Stages.await(Duration.ofSeconds(5), refused));
        assertEquals(Reason.BUSY, e.reason());
        assertTrue(e.getMessage().contains("2 calls already wait for the turn of gate/q"), e.getMessage());
        release.countDown();
        CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first", "second", "third"), Gate.order(core, g));
    }

    @Test
    void aCallThatWaitsTooLongFailsAndLeavesTheQueue() throws Exception {
        ActorRuntimeCore core = fx.runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "to:"),
                fx.turns);
        CountDownLatch release = Gate.shut();
        ActorId g = new ActorId("gate", "t");
        CompletableFuture<?> first = core.invokeAsync(g, "hold", ActorRequest.json("\"first\"")).toCompletableFuture();
        CompletableFuture<?> late = core.invokeAsync(g, "hold", ActorRequest.json("\"late\"")).toCompletableFuture();
        fx.clock.advance(Duration.ofSeconds(6));
        ActorException e = assertThrows(ActorException.class, () -> Stages.await(Duration.ofSeconds(60), late));
        assertEquals(Reason.METHOD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("gave up waiting PT5S for the turn of gate/t"), e.getMessage());
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first"), Gate.order(core, g), "the call that gave up never ran");
    }

    @Test
    void aCallOnTheCallersThreadRunsAnIdleActorsTurnThereAndWaitsForABusyOneWithoutHoldingIt() throws Exception {
        List<Runnable> handedOver = new ArrayList<>();
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults(), r -> {
            handedOver.add(r);
            fx.turns.execute(r);
        });
        ActorId g = new ActorId("gate", "caller");
        CompletableFuture<?> idle = core.invokeOnCaller(g, "note", ActorRequest.json("\"idle\"")).toCompletableFuture();
        assertTrue(idle.isDone(), "the idle actor's turn ran before invokeOnCaller returned");
        assertEquals(0, handedOver.size(), "nothing was handed to the executor");

        CountDownLatch release = Gate.shut();
        CompletableFuture<?> holding = core.invokeAsync(g, "hold", ActorRequest.json("\"holding\"")).toCompletableFuture();
        assertTrue(Gate.inside.await(10, TimeUnit.SECONDS), "the holding turn never got inside the actor");
        CompletableFuture<?> queued = core.invokeOnCaller(g, "note", ActorRequest.json("\"queued\"")).toCompletableFuture();
        assertFalse(queued.isDone(), "the call to the busy actor returned at once, queued");
        release.countDown();
        queued.get(10, TimeUnit.SECONDS);
        holding.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("idle", "holding", "queued"), Gate.order(core, g));
    }

    @Test
    void callsOnTheirCallersThreadsBeyondTheCallerTurnsAreHandedToTheTurnThreads() throws Exception {
        List<Runnable> handedOver = new java.util.concurrent.CopyOnWriteArrayList<>();
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults().withCallerTurns(1), r -> {
            handedOver.add(r);
            fx.turns.execute(r);
        });
        CountDownLatch release = Gate.shut();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            // the one caller turn, held by a long turn on another caller's thread
            Future<?> holding = caller.submit(() -> core.invokeOnCaller(new ActorId("gate", "one"), "hold", ActorRequest.json("\"one\""))
                    .toCompletableFuture().join());
            assertTrue(Gate.inside.await(10, TimeUnit.SECONDS), "the holding turn never got inside the actor");
            assertEquals(0, handedOver.size(), "the first call ran on its caller's thread");
            ActorId other = new ActorId("gate", "two");
            assertEquals("\"two\"", core.invokeOnCaller(other, "note", ActorRequest.json("\"two\"")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).text());
            assertEquals(1, handedOver.size(), "the second idle actor's turn went to the turn threads: no caller turn was free");
            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aCallOfTheRunningTurnsChainIsRefusedAtOnceWhenReentrancyIsOff() throws Exception {
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults(), fx.turns);
        CountDownLatch release = Gate.shut();
        ActorId g = new ActorId("gate", "c");
        core.invoke(g, "wake", ActorRequest.json(null));
        CompletableFuture<?> first = core.invokeAsync(g, "hold", inChain("a", "chain-1"))
                .toCompletableFuture();
        assertTrue(Gate.inside.await(10, TimeUnit.SECONDS), "the first turn never got inside the actor");
        // as when the actor's own method calls back into it over HTTP with its Dapr-Reentrancy-Id
        ActorException e = assertThrows(ActorException.class,
                () -> Stages.await(Duration.ofSeconds(60), core.invokeAsync(g, "hold", inChain("b", "chain-1"))));
        assertEquals(Reason.STACK_DEPTH, e.reason());
        assertTrue(e.getMessage().contains("reentrancy is off"), e.getMessage());
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallOfTheChainThatArrivesBeforeItsTurnIsInsideTheActorWaitsRatherThanWriteToAStateTheTurnThenResets() throws Exception {
        List<Runnable> threads = new ArrayList<>();
        ActorRuntimeCore core = fx.runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), true, 2, "re:"),
                threads::add);
        ActorId g = new ActorId("gate", "early");
        core.invoke(g, "wake", ActorRequest.json(null));
        CompletableFuture<?> outer = core.invokeAsync(g, "note", inChain("outer", "chain-2")).toCompletableFuture();
        CompletableFuture<?> inner = core.invokeAsync(g, "note", inChain("inner", "chain-2")).toCompletableFuture();

        while (!threads.isEmpty()) {
            threads.remove(0).run();
        }

        assertTrue(outer.isDone() && inner.isDone());
        assertEquals(List.of("outer", "inner"), Gate.order(core, g));
    }

    @Test
    void aCallOfTheRunningTurnsChainReentersWhenReentrancyIsOn() throws Exception {
        ActorRuntimeCore core = fx.runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), true, 2, "re:"),
                fx.turns);
        CountDownLatch release = Gate.shut();
        ActorId g = new ActorId("gate", "r");
        core.invoke(g, "wake", ActorRequest.json(null));
        CompletableFuture<?> outer = core.invokeAsync(g, "hold", inChain("outer", "chain-2"))
                .toCompletableFuture();
        assertTrue(Gate.inside.await(10, TimeUnit.SECONDS), "the outer turn never got inside the actor");
        // another chain waits its turn; the running chain gets in beside the running turn, once (depth 2)
        CompletableFuture<?> other = core.invokeAsync(g, "note", inChain("other", "chain-3"))
                .toCompletableFuture();
        assertEquals("\"inner\"", Stages.await(Duration.ofSeconds(60), core.invokeAsync(g, "note",
                inChain("inner", "chain-2"))).text());
        assertFalse(other.isDone());
        release.countDown();
        outer.get(10, TimeUnit.SECONDS);
        other.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("inner", "outer", "other"), Gate.order(core, g));
    }

    @Test
    void anActorWhoseActivationFailedIsNotListedAsActiveAndIsTriedAgainOnTheNextCall() {
        ActorRuntimeCore core = fx.runtime();
        RecordingKind kind = new RecordingKind("flaky", Optional.empty());
        kind.failOnActivate = new IllegalStateException("not today");
        core.register(kind);
        ActorId f = new ActorId("flaky", "f");
        assertThrows(IllegalStateException.class, () -> call(core, f, "m", null));
        assertEquals(0, core.stats().get("flaky").getActive());
        kind.failOnActivate = null;
        assertEquals("m", call(core, f, "m", null));
        // onActivate runs in a turn of its own, whose state is discarded when it fails; the call's turn follows
        assertEquals(List.of("begin", "activate", "end false", "begin", "activate", "end true", "begin", "call m", "end true"), kind.events);
    }
}
