// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.examples.CounterActor;
import io.capaee.actors.java.JavaActorType;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.Actor;
import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorType;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeCoreTest {
    private final Jsonb jsonb = JsonbBuilder.create();
    private final MemoryKeyValue kv = new MemoryKeyValue();
    private final ManualScheduler clock = new ManualScheduler();
    private final ActorId a = new ActorId("counter", "a");

    /** Turns of the runtimes that run them on threads of their own, as the server does. */
    private final ExecutorService turns = Executors.newCachedThreadPool();

    /** Turns run on the caller's thread (or the one that ends the turn ahead): deterministic with the manual clock. */
    private ActorRuntimeCore runtime(ActorSettings settings) {
        return runtime(settings, Runnable::run);
    }

    private ActorRuntimeCore runtime(ActorSettings settings, Executor executor) {
        ActorRuntimeCore core = new ActorRuntimeCore(settings, new ActorStore(kv, settings.keyPrefix()), clock, clock, t -> Optional.empty(),
                executor, clock);
        core.register(new JavaActorType(CounterActor.class, jsonb));
        core.register(new JavaActorType(Plain.class, jsonb));
        core.register(new JavaActorType(Reentrant.class, jsonb));
        core.register(new JavaActorType(Gate.class, jsonb));
        return core;
    }

    private ActorRuntimeCore runtime() {
        return runtime(ActorSettings.defaults());
    }

    private static String call(ActorRuntimeCore core, ActorId id, String method, String json) {
        return core.invoke(id, method, ActorRequest.json(json)).text();
    }

    @AfterEach
    void close() throws Exception {
        turns.shutdownNow();
        jsonb.close();
    }

    @Test
    void stateIsSavedAtTheEndOfATurnAndReadAfterARestart() {
        ActorRuntimeCore first = runtime();
        assertEquals("5", call(first, a, "add", "5"));
        assertEquals("7", call(first, a, "add", "2"));
        first.stop();
        ActorRuntimeCore second = runtime();
        assertEquals("7", call(second, a, "get", null));
        assertEquals(Optional.of("7"), second.getState(a, "count"));
    }

    @Test
    void aTurnThatThrowsLeavesNoChange() {
        ActorRuntimeCore core = runtime();
        call(core, a, "add", "3");
        ActorException e = assertThrows(ActorException.class, () -> call(core, a, "fail", "\"boom\""));
        assertEquals(Reason.METHOD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertEquals("3", call(core, a, "get", null));
    }

    @Test
    void errorsNameWhatWasWrong() {
        ActorRuntimeCore core = runtime();
        assertEquals(Reason.UNKNOWN_TYPE, assertThrows(ActorException.class, () -> call(core, new ActorId("nope", "1"), "x", null)).reason());
        assertEquals(Reason.METHOD_NOT_FOUND, assertThrows(ActorException.class, () -> call(core, a, "nope", null)).reason());
        ActorException bad = assertThrows(ActorException.class, () -> call(core, a, "add", "{not json"));
        assertEquals(Reason.BAD_REQUEST, bad.reason());
        assertTrue(bad.getMessage().contains("add"), bad.getMessage());
        TypeStats stats = core.stats().get("counter");
        assertEquals(2, stats.getCalls(), "calls to a known type are counted, failed ones too");
        assertEquals(2, stats.getErrors());
        assertEquals(1, stats.getActivations());
        assertEquals(1, stats.getActive());
        assertEquals(Reason.BAD_REQUEST, assertThrows(ActorException.class, () -> new ActorId("counter", "a/b")).reason());
        assertEquals(Reason.BAD_REQUEST, assertThrows(ActorException.class, () -> new ActorId("counter", "..")).reason());
    }

    @Test
    void idleActorsAreDeactivatedAndComeBackWithTheirState() {
        ActorRuntimeCore core = runtime(new ActorSettings(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "t:"));
        call(core, a, "add", "4");
        clock.advance(Duration.ofMinutes(9));
        assertEquals(0, core.scanIdle());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, core.scanIdle());
        assertTrue(core.status().stream().allMatch(s -> s.active() == 0));
        assertEquals("4", call(core, a, "get", null));
        assertEquals(Optional.of("2"), core.getState(a, "activations"));
        assertEquals(1, core.stats().get("counter").getDeactivations());
    }

    @Test
    void perTypeIdleTimeoutWins() {
        ActorRuntimeCore core = runtime();
        ActorId p = new ActorId("plain", "p");
        call(core, p, "hello", null);
        clock.advance(Duration.ofSeconds(6));
        assertEquals(1, core.scanIdle());
    }

    @Test
    void remindersFireOnScheduleAndStopAfterTheirRepetitions() {
        ActorRuntimeCore core = runtime();
        core.createReminder(a, "r", new ScheduleSpec("5s", "R3/PT10S", null, "{\"x\":1}", null), true);
        clock.advance(Duration.ofSeconds(4));
        assertEquals(Optional.empty(), core.getState(a, "reminded.r"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("1"), core.getState(a, "reminded.r"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.of("3"), core.getState(a, "reminded.r"));
        assertTrue(core.getReminder(a, "r").isEmpty(), "a finished reminder is removed");
    }

    @Test
    void aReminderDueWhileTheServerWasDownFiresOnceAtStart() {
        ActorRuntimeCore first = runtime();
        first.createReminder(a, "r", new ScheduleSpec("1m", "1h", null, null, null), true);
        first.stop();
        clock.advance(Duration.ofHours(5));
        ActorRuntimeCore second = runtime();
        second.start();
        clock.advance(Duration.ZERO);
        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"));
        assertTrue(second.getReminder(a, "r").isPresent());
        clock.advance(Duration.ofMinutes(59));
        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.of("2"), second.getState(a, "reminded.r"));
    }

    @Test
    void remindersAndTimersAreCheckedWhenRegistered() {
        ActorRuntimeCore core = runtime();
        ActorId p = new ActorId("plain", "p");
        assertEquals(Reason.BAD_REQUEST, assertThrows(ActorException.class,
                () -> core.createReminder(p, "r", new ScheduleSpec("1s", null, null, null, null), true)).reason());
        assertEquals(Reason.BAD_SCHEDULE, assertThrows(ActorException.class,
                () -> core.createReminder(a, "r", new ScheduleSpec("soon", null, null, null, null), true)).reason());
        assertEquals(Reason.BAD_SCHEDULE, assertThrows(ActorException.class,
                () -> core.createReminder(a, "r", new ScheduleSpec("1s", "R0/1s", null, null, null), true)).reason());
        assertEquals(Reason.BAD_SCHEDULE, assertThrows(ActorException.class,
                () -> core.createTimer(a, "t", new ScheduleSpec("1s", "1s", null, null, "noSuchMethod"))).reason());
        core.createReminder(a, "r", new ScheduleSpec("1s", null, null, null, null), true);
        assertEquals(Reason.REMINDER_EXISTS, assertThrows(ActorException.class,
                () -> core.createReminder(a, "r", new ScheduleSpec("1s", null, null, null, null), false)).reason());
        assertTrue(core.deleteReminder(a, "r"));
        assertFalse(core.deleteReminder(a, "r"));
    }

    @Test
    void timersRunWhileActiveAndStopOnDeactivation() {
        ActorRuntimeCore core = runtime(new ActorSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "t:"));
        call(core, a, "startTicking", "1000");
        clock.advance(Duration.ofMillis(3500));
        assertEquals(Optional.of("3"), core.getState(a, "ticks"));
        core.createTimer(a, "api", new ScheduleSpec("0s", "R2/2s", null, "{\"n\":1}", "onTimer"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of("2"), core.getState(a, "timerFires"));
        assertEquals(Optional.of("{\"n\":1}"), core.getState(a, "timerData"));
        // the last call ends the timers' life: they stop when the actor goes idle
        call(core, a, "stopTicking", null);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, core.scanIdle());
        assertEquals(0, clock.pending());
    }

    @Test
    void aTimerDueAtOnceFiresEvenWhenItsTaskStartsBeforeRegistrationReturns() throws Exception {
        // like the EJB TimerService: a task due now may start on another thread before schedule() returns
        Scheduler eager = (at, task) -> {
            Thread t = new Thread(task);
            t.start();
            try {
                t.join(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return () -> { };
        };
        ActorRuntimeCore core = new ActorRuntimeCore(ActorSettings.defaults(), new ActorStore(kv, "eager:"), eager, clock, t -> Optional.empty(),
                Runnable::run, clock);
        core.register(new JavaActorType(CounterActor.class, jsonb));
        core.createTimer(a, "now", new ScheduleSpec("0s", null, null, null, "onTimer"));
        long end = System.nanoTime() + 5_000_000_000L;
        while (core.getState(a, "timerFires").isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(Optional.of("1"), core.getState(a, "timerFires"));
    }

    @Test
    void stateTransactionsAreAtomic() {
        ActorRuntimeCore core = runtime();
        core.transaction(a, List.of(StateOperation.upsert("count", "10"), StateOperation.upsert("name", "\"x\"")));
        assertEquals("10", call(core, a, "get", null));
        assertThrows(ActorException.class, () -> core.transaction(a, List.of(StateOperation.delete("name"), StateOperation.upsert("count", "{bad"))));
        assertEquals(Optional.of("\"x\""), core.getState(a, "name"), "a transaction with a bad operation changes nothing");
        core.transaction(a, List.of(StateOperation.delete("name")));
        assertEquals(Optional.empty(), core.getState(a, "name"));
    }

    @Test
    void stateKeysThatTheHttpApiCouldNotNameAreRefusedOnWriteButMayBeDeleted() {
        ActorRuntimeCore core = runtime();
        for (String bad : List.of("a/b", "a\\b", ".", "..", "a\u0000b")) {
            ActorException e = assertThrows(ActorException.class,
                    () -> core.transaction(a, List.of(StateOperation.upsert("fine", "1"), StateOperation.upsert(bad, "2"))), bad);
            assertEquals(ActorException.Reason.BAD_REQUEST, e.reason(), bad);
            assertThrows(IllegalArgumentException.class, () -> new io.capaee.actors.store.TurnState(a, new ActorStore(kv, "t:"), jsonb).set(bad, 1), bad);
        }
        assertEquals(Optional.empty(), core.getState(a, "fine"), "nothing of a refused transaction is written");
        core.transaction(a, List.of(StateOperation.delete("a/b"), StateOperation.upsert("a.b c;d%e", "3")));
        assertEquals(Optional.of("3"), core.getState(a, "a.b c;d%e"));
    }

    @Test
    void callsToOneActorNeverInterleaveAndDifferentActorsRunInParallel() throws Exception {
        ActorRuntimeCore core = runtime(ActorSettings.defaults(), turns);
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
        ActorRuntimeCore off = runtime();
        Reentrant.runtime = off;
        ActorException e = assertThrows(ActorException.class, () -> call(off, new ActorId("reentrant", "r"), "depth", "3"));
        assertEquals(Reason.STACK_DEPTH, e.reason());

        ActorRuntimeCore on = runtime(new ActorSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5), true, 4, "on:"));
        Reentrant.runtime = on;
        assertEquals("3", call(on, new ActorId("reentrant", "r"), "depth", "3"));
        assertEquals(Reason.STACK_DEPTH, assertThrows(ActorException.class, () -> call(on, new ActorId("reentrant", "r"), "depth", "10")).reason());
    }

    @Test
    void aWaitingCallHoldsNoThreadAndCallsRunInArrivalOrder() throws Exception {
        ActorRuntimeCore core = runtime(ActorSettings.defaults(), turns);
        CountDownLatch release = new CountDownLatch(1);
        Gate.latch = release;
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
        ActorRuntimeCore core = runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32,
                "q:", 2), turns);
        CountDownLatch release = new CountDownLatch(1);
        Gate.latch = release;
        ActorId g = new ActorId("gate", "q");
        CompletableFuture<?> first = core.invokeAsync(g, "hold", ActorRequest.json("\"first\"")).toCompletableFuture();
        CompletableFuture<?> second = core.invokeAsync(g, "hold", ActorRequest.json("\"second\"")).toCompletableFuture();
        CompletableFuture<?> third = core.invokeAsync(g, "hold", ActorRequest.json("\"third\"")).toCompletableFuture();
        CompletableFuture<?> refused = core.invokeAsync(g, "hold", ActorRequest.json("\"refused\"")).toCompletableFuture();
        ActorException e = assertThrows(ActorException.class, () -> ActorRuntimeCore.await(Duration.ofSeconds(5), refused));
        assertEquals(Reason.BUSY, e.reason());
        assertTrue(e.getMessage().contains("2 calls already wait for the turn of gate/q"), e.getMessage());
        release.countDown();
        CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first", "second", "third"), Gate.order(core, g));
    }

    @Test
    void aCallThatWaitsTooLongFailsAndLeavesTheQueue() throws Exception {
        ActorRuntimeCore core = runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "to:"),
                turns);
        CountDownLatch release = new CountDownLatch(1);
        Gate.latch = release;
        ActorId g = new ActorId("gate", "t");
        CompletableFuture<?> first = core.invokeAsync(g, "hold", ActorRequest.json("\"first\"")).toCompletableFuture();
        CompletableFuture<?> late = core.invokeAsync(g, "hold", ActorRequest.json("\"late\"")).toCompletableFuture();
        clock.advance(Duration.ofSeconds(6));
        ActorException e = assertThrows(ActorException.class, () -> ActorRuntimeCore.await(java.time.Duration.ofSeconds(60), late));
        assertEquals(Reason.METHOD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("gave up waiting PT5S for the turn of gate/t"), e.getMessage());
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first"), Gate.order(core, g), "the call that gave up never ran");
    }

    @Test
    void aCallOfTheRunningTurnsChainIsRefusedAtOnceWhenReentrancyIsOff() throws Exception {
        ActorRuntimeCore core = runtime(ActorSettings.defaults(), turns);
        CountDownLatch release = new CountDownLatch(1);
        Gate.latch = release;
        ActorId g = new ActorId("gate", "c");
        core.invoke(g, "wake", ActorRequest.json(null));
        CompletableFuture<?> first = core.invokeAsync(g, "hold", new ActorRequest("\"a\"".getBytes(), "application/json", "chain-1"))
                .toCompletableFuture();
        // as when the actor's own method calls back into it over HTTP with its Dapr-Reentrancy-Id
        long end = System.nanoTime() + 5_000_000_000L;
        ActorException e = null;
        while (e == null && System.nanoTime() < end) {
            try {
                ActorRuntimeCore.await(java.time.Duration.ofSeconds(60), core.invokeAsync(g, "hold", new ActorRequest("\"b\"".getBytes(), "application/json", "chain-1")));
            } catch (ActorException refused) {
                e = refused;
            }
        }
        assertEquals(Reason.STACK_DEPTH, e.reason());
        assertTrue(e.getMessage().contains("reentrancy is off"), e.getMessage());
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallOfTheRunningTurnsChainReentersWhenReentrancyIsOn() throws Exception {
        ActorRuntimeCore core = runtime(new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5), true, 2, "re:"),
                turns);
        CountDownLatch release = new CountDownLatch(1);
        Gate.latch = release;
        ActorId g = new ActorId("gate", "r");
        core.invoke(g, "wake", ActorRequest.json(null));
        CompletableFuture<?> outer = core.invokeAsync(g, "hold", new ActorRequest("\"outer\"".getBytes(), "application/json", "chain-2"))
                .toCompletableFuture();
        // another chain waits its turn; the running chain gets in beside the running turn, once (depth 2)
        CompletableFuture<?> other = core.invokeAsync(g, "note", new ActorRequest("\"other\"".getBytes(), "application/json", "chain-3"))
                .toCompletableFuture();
        assertEquals("\"inner\"", ActorRuntimeCore.await(java.time.Duration.ofSeconds(60), core.invokeAsync(g, "note",
                new ActorRequest("\"inner\"".getBytes(), "application/json", "chain-2"))).text());
        assertFalse(other.isDone());
        release.countDown();
        outer.get(10, TimeUnit.SECONDS);
        other.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("inner", "outer", "other"), Gate.order(core, g));
    }

    /** Holds its turn until the test opens the latch; records the order of the calls in its state. */
    @ActorType("gate")
    public static class Gate {
        static volatile CountDownLatch latch;
        private final ActorContext context;

        public Gate(ActorContext context) {
            this.context = context;
        }

        /** Activates the actor, so that a call of the running turn's chain finds it inside its turn. */
        public void wake() {
        }

        public String hold(String name) throws InterruptedException {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            return note(name);
        }

        public String note(String name) {
            List<String> order = new ArrayList<>(context.state().get("order", List.class).orElse(List.of()));
            order.add(name);
            context.state().set("order", order);
            return name;
        }

        static List<String> order(ActorRuntimeCore core, ActorId id) {
            return core.getState(id, "order").map(s -> List.of(s.replaceAll("[\\[\\]\"]", "").split(","))).orElse(List.of());
        }
    }

    /** A stateless type with a short idle timeout and no reminders. */
    @ActorType(value = "plain", idleTimeout = "PT5S")
    public static class Plain {
        public String hello() {
            return "hi";
        }
    }

    /** Calls itself through the runtime, {@code n} levels deep. */
    @ActorType("reentrant")
    public static class Reentrant implements Actor {
        static ActorRuntimeCore runtime;
        private final ActorContext context;

        public Reentrant(ActorContext context) {
            this.context = context;
        }

        public int depth(int n) {
            if (n <= 1) {
                return 1;
            }
            return 1 + Integer.parseInt(runtime.invoke(context.id(), "depth", ActorRequest.json(Integer.toString(n - 1))).text());
        }
    }
}
