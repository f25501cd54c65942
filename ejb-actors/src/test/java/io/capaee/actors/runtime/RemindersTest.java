// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.examples.CounterActor;
import io.capaee.actors.java.JavaActorType;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ScheduleSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Reminders}: stored, armed, fired in a turn of their actor, re-armed at start. */
class RemindersTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final ActorId a = new ActorId("counter", "a");

    @Test
    void remindersFireOnScheduleAndStopAfterTheirRepetitions() {
        ActorRuntimeCore core = fx.runtime();
        core.createReminder(a, "r", new ScheduleSpec("5s", "R3/PT10S", null, "{\"x\":1}", null), true);
        fx.clock.advance(Duration.ofSeconds(4));
        assertEquals(Optional.empty(), core.getState(a, "reminded.r"));
        fx.clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("1"), core.getState(a, "reminded.r"));
        fx.clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.of("3"), core.getState(a, "reminded.r"));
        assertTrue(core.getReminder(a, "r").isEmpty(), "a finished reminder is removed");
    }

    @Test
    void aReminderDueWhileTheServerWasDownFiresOnceAtStart() {
        ActorRuntimeCore first = fx.runtime();
        first.createReminder(a, "r", new ScheduleSpec("1m", "1h", null, null, null), true);
        first.stop();
        fx.clock.advance(Duration.ofHours(5));
        ActorRuntimeCore second = fx.runtime();
        second.start();
        fx.clock.advance(Duration.ZERO);
        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"));
        assertTrue(second.getReminder(a, "r").isPresent());
        fx.clock.advance(Duration.ofMinutes(59));
        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"));
        fx.clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.of("2"), second.getState(a, "reminded.r"));
    }

    @Test
    void aFireSavedWithItsActorsStateButNotAdvancedBeforeTheServerDiedDoesNotRunAgainAtStart() {
        ActorRuntimeCore first = fx.runtime();
        first.createReminder(a, "r", new ScheduleSpec("1m", null, null, null, null), true);
        String remindersKey = ActorSettings.defaults().keyPrefix() + "reminders||counter||a";
        String beforeTheFire;
        try (var c = fx.kv.getConnection()) {
            beforeTheFire = c.get(remindersKey).orElseThrow();
        }
        fx.clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of("1"), first.getState(a, "reminded.r"));
        first.stop();
        try (var c = fx.kv.getConnection()) {
            c.set(remindersKey, beforeTheFire); // the reminder's advance never reached the store
        }

        ActorRuntimeCore second = fx.runtime();
        second.start();
        fx.clock.advance(Duration.ZERO);

        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"), "the callback ran once");
        assertTrue(second.getReminder(a, "r").isEmpty(), "the one-shot reminder is advanced, so removed");
        fx.clock.advance(Duration.ofHours(1));
        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"));
    }

    @Test
    void theRecordOfAFireIsNotOneOfTheActorsStateKeys() {
        ActorRuntimeCore core = fx.runtime();
        core.createReminder(a, "r", new ScheduleSpec("1s", null, null, null, null), true);
        fx.clock.advance(Duration.ofSeconds(1));
        io.capaee.actors.store.TurnState state = new io.capaee.actors.store.TurnState(a, new ActorStore(fx.kv, ActorSettings.defaults().keyPrefix()), fx.jsonb);

        assertEquals(java.util.Set.of("activations", "reminded.r"), state.keys());
        assertTrue(state.lastFire("r").isPresent());
    }

    @Test
    void remindersAndTimersAreCheckedWhenRegistered() {
        ActorRuntimeCore core = fx.runtime();
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
    void aReminderDueBeforeItsTypeIsHostedFiresOnceItIsOnTheNextTry() {
        ActorRuntimeCore first = fx.runtime();
        first.createReminder(a, "r", new ScheduleSpec("10s", null, null, null, null), true);
        first.stop();
        // a server where the type comes later, as a remote host's type does when the host starts after it
        AtomicBoolean announced = new AtomicBoolean();
        ActorSettings settings = ActorSettings.defaults();
        ActorRuntimeCore second = new ActorRuntimeCore(settings, new ActorStore(fx.kv, settings.keyPrefix()), fx.clock, fx.clock,
                name -> announced.get() ? Optional.of(new JavaActorType(CounterActor.class, fx.jsonb)) : Optional.empty(), Runnable::run, fx.clock);
        second.start();
        fx.clock.advance(Duration.ofSeconds(20));
        announced.set(true);
        assertEquals(Optional.empty(), second.getState(a, "reminded.r"), "not fired while the type was unknown");
        fx.clock.advance(settings.scanInterval());
        assertEquals(Optional.of("1"), second.getState(a, "reminded.r"));
        assertTrue(second.getReminder(a, "r").isEmpty(), "a reminder that fires once is gone after it fired");
    }

    @Test
    void aReminderDeletedBeforeItIsDueNeverFires() {
        ActorRuntimeCore core = fx.runtime();
        core.createReminder(a, "r", new ScheduleSpec("10s", "10s", null, null, null), true);
        assertTrue(core.deleteReminder(a, "r"));
        fx.clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), core.getState(a, "reminded.r"));
        assertEquals(0, fx.clock.pending(), "nothing is left armed");
    }
}
