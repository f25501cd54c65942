// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ActorSite}: all an actor kind is given of the runtime, for each of its actors: identity, state, timers, reminders. */
class ActorSiteTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final RecordingKind kind = new RecordingKind("kind", Optional.empty());
    private final ActorId k = new ActorId("kind", "k");
    private final AtomicInteger ticks = new AtomicInteger();

    @Test
    void aKindReachesItsActorsStateTimersAndRemindersThroughTheSite() {
        ActorRuntimeCore core = fx.runtime();
        core.register(kind);
        kind.onCall = (site, method) -> {
            switch (method) {
                case "write" -> {
                    TurnState state = site.state(null);
                    state.begin();
                    state.rawSet("greeting", "\"hello " + site.id().id() + "\"");
                    state.end(true);
                }
                case "arm" -> {
                    site.registerTimer("tick", Duration.ofSeconds(1), Duration.ofSeconds(1), ticks::incrementAndGet);
                    site.registerReminder("later", Duration.ofMinutes(1), null, "{\"x\":1}");
                }
                case "disarm" -> {
                    site.unregisterTimer("tick");
                    site.unregisterReminder("later");
                }
                default -> throw new IllegalArgumentException(method);
            }
            return method;
        };
        call(core, k, "write", null);
        assertEquals(Optional.of("\"hello k\""), core.getState(k, "greeting"));
        call(core, k, "arm", null);
        assertEquals("{\"x\":1}", core.getReminder(k, "later").orElseThrow().data());
        fx.clock.advance(Duration.ofSeconds(61));
        assertEquals(61, ticks.get());
        assertTrue(kind.events.contains("reminder later"), kind.events.toString());
        call(core, k, "disarm", null);
        assertTrue(core.getReminder(k, "later").isEmpty());
        fx.clock.advance(Duration.ofSeconds(10));
        assertEquals(61, ticks.get());
    }

    @Test
    void aTimerOfTheSiteIsRefusedOutsideItsActorsTurn() {
        ActorRuntimeCore core = fx.runtime();
        core.register(kind);
        call(core, k, "hello", null);
        ActorSite site = kind.sites.get(0);
        ActorException e = assertThrows(ActorException.class, () -> site.registerTimer("t", Duration.ZERO, null, ticks::incrementAndGet));
        assertEquals(Reason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("only be registered from inside its turn"), e.getMessage());
    }
}
