// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.examples.CounterActor;
import io.capaee.actors.java.JavaActorType;
import io.capaee.actors.runtime.RuntimeFixture.Gate;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ScheduleSpec;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The quotas of {@link ActorLimits}: what a caller who means harm could otherwise make the runtime hold or run. */
class ActorLimitsTest {
    private static final ActorLimits ROOMY = ActorLimits.defaults();

    private final Jsonb jsonb = JsonbBuilder.create();
    private final MemoryKeyValue kv = new MemoryKeyValue();
    private final ManualScheduler clock = new ManualScheduler();
    private final ExecutorService turns = Executors.newCachedThreadPool();
    private final ActorId a = new ActorId("counter", "a");

    private ActorRuntimeCore runtime(ActorLimits limits) {
        return runtime(limits, Runnable::run);
    }

    private ActorRuntimeCore runtime(ActorLimits limits, Executor executor) {
        ActorSettings settings = new ActorSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "l:")
                .withLimits(limits);
        ActorRuntimeCore core = new ActorRuntimeCore(settings, new ActorStore(kv, settings.keyPrefix()), clock, clock, t -> Optional.empty(),
                executor, clock);
        core.register(new JavaActorType(CounterActor.class, jsonb));
        core.register(new JavaActorType(Gate.class, jsonb));
        return core;
    }

    private static ActorLimits limits(int perActor, int timers, int active, long bytesPerActor, long bytes) {
        return new ActorLimits(Duration.ofSeconds(1), perActor, timers, active, bytesPerActor, bytes);
    }

    private static ActorException refused(Reason reason, String key, Executable call) {
        ActorException e = assertThrows(ActorException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        return e;
    }

    private static String call(ActorRuntimeCore core, ActorId id, String method, String json) {
        return core.invoke(id, method, ActorRequest.json(json)).text();
    }

    private static ScheduleSpec timer(String period) {
        return new ScheduleSpec("0s", period, null, null, "onTimer");
    }

    private static ScheduleSpec reminder(String period) {
        return new ScheduleSpec("1h", period, null, null, null);
    }

    @AfterEach
    void close() throws Exception {
        turns.shutdownNow();
        jsonb.close();
    }

    @Test
    void aPeriodShorterThanTheMinimumIsRefusedNamingThePeriodAndTheSetting() {
        ActorRuntimeCore core = runtime(ROOMY);
        refused(Reason.BAD_SCHEDULE, "period of timer 'fast'", () -> core.createTimer(a, "fast", timer("1ns")));
        refused(Reason.BAD_SCHEDULE, "capa.actors.min-timer-period", () -> core.createTimer(a, "fast", timer("R1000000/999ms")));
        refused(Reason.BAD_SCHEDULE, "period of reminder 'fast'", () -> core.createReminder(a, "fast", reminder("PT0.5S"), true));
        // the Java API: the actor's own code asks for a timer every millisecond
        ActorException e = assertThrows(ActorException.class, () -> call(core, a, "startTicking", "1"));
        assertTrue(e.getMessage().contains("capa.actors.min-timer-period"), e.getMessage());
        assertTrue(core.getReminder(a, "fast").isEmpty());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), core.getState(a, "timerFires"), "nothing was armed");
        assertEquals(Optional.empty(), core.getState(a, "ticks"));
        core.createTimer(a, "ok", timer("1s"));
        core.createReminder(a, "ok", reminder("PT1S"), true);
    }

    @Test
    void anActorWhoseOnlyUseIsItsOwnTimersIsDeactivatedAfterTheIdleTimeoutAndItsTimersGoWithIt() {
        ActorRuntimeCore core = runtime(ROOMY);
        call(core, a, "startTicking", "1000");
        core.createTimer(a, "api", timer("1s"));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, core.scanIdle());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, core.scanIdle(), "an actor that only its timers call is idle after the idle timeout (1 min)");
        assertEquals(Optional.of("1"), core.getState(a, "deactivations"));
        String ticks = core.getState(a, "ticks").orElseThrow();
        assertEquals(0, clock.pending(), "its timers are cancelled with it");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(ticks, core.getState(a, "ticks").orElseThrow());
        assertEquals(Optional.of("1"), core.getState(a, "activations"), "no timer firing activates it again");
    }

    @Test
    void aReminderFiringIsUseOfTheActorAsACallIs() {
        ActorRuntimeCore core = runtime(ROOMY);
        core.createReminder(a, "r", new ScheduleSpec("30s", "30s", null, null, null), true);
        clock.advance(Duration.ofMinutes(3));
        assertEquals(0, core.scanIdle(), "an actor with a reminder due more often than its idle timeout stays active");
        assertEquals(Optional.of("6"), core.getState(a, "reminded.r"));
        assertEquals(Optional.of("1"), core.getState(a, "activations"));
    }

    @Test
    void timersAndRemindersOfOneActorAreCappedTogether() {
        ActorRuntimeCore core = runtime(limits(3, 100, 100, 1 << 20, 1 << 20));
        core.createReminder(a, "r1", reminder("1h"), true);
        core.createReminder(a, "r2", reminder("1h"), true);
        core.createTimer(a, "t1", timer("1h"));
        refused(Reason.QUOTA, "capa.actors.max-timers-per-actor", () -> core.createTimer(a, "t2", timer("1h")));
        refused(Reason.QUOTA, "capa.actors.max-timers-per-actor", () -> core.createReminder(a, "r3", reminder("1h"), true));
        assertTrue(core.getReminder(a, "r3").isEmpty(), "a refused reminder is not stored");
        // replacing one is no new one; another actor has its own share
        core.createTimer(a, "t1", timer("2h"));
        core.createReminder(a, "r1", reminder("2h"), true);
        core.createTimer(new ActorId("counter", "b"), "t1", timer("1h"));
        assertTrue(core.deleteReminder(a, "r2"));
        core.createTimer(a, "t2", timer("1h"));
    }

    @Test
    void timersAndRemindersOfEveryActorAreCappedForTheServer() {
        ActorRuntimeCore core = runtime(limits(100, 3, 100, 1 << 20, 1 << 20));
        ActorId b = new ActorId("counter", "b");
        ActorId c = new ActorId("counter", "c");
        core.createTimer(a, "t", timer("1h"));
        core.createReminder(b, "r", reminder("1h"), true);
        core.createTimer(c, "t", timer("1h"));
        refused(Reason.QUOTA, "capa.actors.max-timers)", () -> core.createReminder(a, "r", reminder("1h"), true));
        refused(Reason.QUOTA, "capa.actors.max-timers)", () -> core.createTimer(b, "t", timer("1h")));
        assertTrue(core.deleteTimer(c, "t"));
        core.createTimer(b, "t", timer("1h"));
        // a deactivated actor's timers end with it and free their places
        clock.advance(Duration.ofMinutes(2));
        core.scanIdle();
        core.createTimer(c, "t", timer("1h"));
        core.createReminder(c, "r", reminder("1h"), true);
    }

    @Test
    void aNewActivationIsRefusedWhileTheActiveTableIsFull() {
        ActorRuntimeCore core = runtime(limits(100, 100, 2, 1 << 20, 1 << 20));
        ActorId b = new ActorId("counter", "b");
        ActorId c = new ActorId("counter", "c");
        call(core, a, "add", "1");
        call(core, b, "add", "1");
        refused(Reason.QUOTA, "capa.actors.max-active", () -> call(core, c, "add", "1"));
        assertEquals(Optional.empty(), core.getState(c, "activations"), "the refused actor was never activated");
        assertEquals("2", call(core, a, "add", "1"), "active actors still answer");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, core.scanIdle());
        assertEquals("1", call(core, c, "add", "1"), "deactivations free places");
    }

    @Test
    void aReminderDueWhileTheActiveTableIsFullFiresOnceThereIsRoom() {
        ActorRuntimeCore core = runtime(limits(100, 100, 1, 1 << 20, 1 << 20));
        ActorId b = new ActorId("counter", "b");
        core.createReminder(a, "r", new ScheduleSpec("10s", null, null, null, null), true);
        call(core, b, "add", "1");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Optional.empty(), core.getState(a, "reminded.r"));
        assertTrue(core.getReminder(a, "r").isPresent(), "kept while it could not fire");
        clock.advance(Duration.ofMinutes(2));
        core.scanIdle();
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of("1"), core.getState(a, "reminded.r"));
    }

    @Test
    void theBodiesOfQueuedCallsAreBoundedPerActorAndForTheServer() throws Exception {
        ActorRuntimeCore core = runtime(limits(100, 100, 100, 100, 150), turns);
        CountDownLatch release = Gate.shut();
        ActorId g1 = new ActorId("gate", "g1");
        ActorId g2 = new ActorId("gate", "g2");
        String sixty = "\"" + "x".repeat(58) + "\"";
        CompletableFuture<?> running1 = core.invokeAsync(g1, "hold", ActorRequest.json("\"r1\"")).toCompletableFuture();
        CompletableFuture<?> running2 = core.invokeAsync(g2, "hold", ActorRequest.json("\"r2\"")).toCompletableFuture();
        CompletableFuture<?> queued1 = core.invokeAsync(g1, "note", ActorRequest.json(sixty)).toCompletableFuture();
        refused(Reason.QUOTA, "capa.actors.max-queued-bytes-per-actor",
                () -> Stages.await(Duration.ofSeconds(5), core.invokeAsync(g1, "note", ActorRequest.json(sixty))));
        CompletableFuture<?> queued2 = core.invokeAsync(g2, "note", ActorRequest.json(sixty)).toCompletableFuture();
        // g3's queue is empty, but 120 of the server's 150 bytes are held
        ActorId g3 = new ActorId("gate", "g3");
        CompletableFuture<?> running3 = core.invokeAsync(g3, "hold", ActorRequest.json("\"r3\"")).toCompletableFuture();
        String forty = "\"" + "y".repeat(38) + "\"";
        refused(Reason.QUOTA, "capa.actors.max-queued-bytes)",
                () -> Stages.await(Duration.ofSeconds(5), core.invokeAsync(g3, "note", ActorRequest.json(forty))));
        release.countDown();
        CompletableFuture.allOf(running1, running2, running3, queued1, queued2).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("r1", "x".repeat(58)), Gate.order(core, g1));
        // the queues emptied: their bytes are free again
        CountDownLatch hold = Gate.shut();
        CompletableFuture<?> again = core.invokeAsync(g1, "hold", ActorRequest.json("\"again\"")).toCompletableFuture();
        CompletableFuture<?> a1 = core.invokeAsync(g1, "note", ActorRequest.json(sixty)).toCompletableFuture();
        CompletableFuture<?> a2 = core.invokeAsync(g1, "note", ActorRequest.json(forty)).toCompletableFuture();
        hold.countDown();
        CompletableFuture.allOf(again, a1, a2).get(10, TimeUnit.SECONDS);
    }

    @Test
    void limitsThatMakeNoSenseFailNamingTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActorLimits(Duration.ofSeconds(1), 0, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("capa.actors.max-timers-per-actor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActorLimits(Duration.ofSeconds(-1), 1, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("capa.actors.min-timer-period"), e.getMessage());
    }
}
