// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ScheduleSpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Timers}: in-memory timers that live and end with their actor's activation. */
class TimersTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final ActorId a = new ActorId("counter", "a");

    @Test
    void timersRunWhileActiveAndStopOnDeactivation() {
        ActorRuntimeCore core = fx.runtime(new ActorSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5), false, 32, "t:"));
        call(core, a, "startTicking", "1000");
        fx.clock.advance(Duration.ofMillis(3500));
        assertEquals(Optional.of("3"), core.getState(a, "ticks"));
        core.createTimer(a, "api", new ScheduleSpec("0s", "R2/2s", null, "{\"n\":1}", "onTimer"));
        fx.clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of("2"), core.getState(a, "timerFires"));
        assertEquals(Optional.of("{\"n\":1}"), core.getState(a, "timerData"));
        // the last call ends the timers' life: they stop when the actor goes idle
        call(core, a, "stopTicking", null);
        fx.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, core.scanIdle());
        assertEquals(0, fx.clock.pending());
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
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults(), eager, Runnable::run);
        core.createTimer(a, "now", new ScheduleSpec("0s", null, null, null, "onTimer"));
        long end = System.nanoTime() + 5_000_000_000L;
        while (core.getState(a, "timerFires").isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(Optional.of("1"), core.getState(a, "timerFires"));
    }

    @Test
    void aTimerCreatedFromInsideItsActorsTurnIsArmedWithoutWaitingForThatTurn() {
        // a remote host registers a timer through the API while the runtime waits for the host's answer
        ActorRuntimeCore core = fx.runtime();
        RecordingKind kind = new RecordingKind("hosted", Optional.empty());
        core.register(kind);
        ActorId h = new ActorId("hosted", "h");
        kind.onCall = (site, method) -> {
            core.createTimer(h, "tick", new ScheduleSpec("5s", null, null, null, "onTick"));
            return "armed";
        };
        assertEquals("armed", assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> core.invoke(h, "arm", ActorRequest.json(null)).text()));
        fx.clock.advance(Duration.ofSeconds(6));
        assertTrue(kind.events.contains("timer onTick"), kind.events.toString());
    }

    @Test
    void aTimerReplacedByOneOfTheSameNameFiresOnItsNewScheduleOnly() {
        ActorRuntimeCore core = fx.runtime();
        core.createTimer(a, "t", new ScheduleSpec("10s", null, null, null, "onTimer"));
        core.createTimer(a, "t", new ScheduleSpec("20s", null, null, null, "onTimer"));
        fx.clock.advance(Duration.ofSeconds(15));
        assertEquals(Optional.empty(), core.getState(a, "timerFires"));
        fx.clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.of("1"), core.getState(a, "timerFires"));
    }

    @Test
    void onlyAnActiveActorsTimerCanBeDeletedAndOnlyOnce() {
        ActorRuntimeCore core = fx.runtime();
        assertFalse(core.deleteTimer(a, "t"), "an actor that is not active has no timers");
        core.createTimer(a, "t", new ScheduleSpec("10s", "10s", null, null, "onTimer"));
        assertTrue(core.deleteTimer(a, "t"));
        assertFalse(core.deleteTimer(a, "t"));
        fx.clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), core.getState(a, "timerFires"));
    }
}
