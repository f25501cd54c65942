// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActiveActor;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorReminder;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderPage;
import io.capaee.api.actors.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator sees of the runtime besides its counters: calls waiting for their turn, and reminders. */
class OperatorViewTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();

    private static ActorTypeStatus status(ActorRuntimeCore core, String type) {
        return core.status().stream().filter(s -> s.type().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void callsWaitingForTheirTurnShowAsTheQueueDepthOfTheirActorAndOfItsType() throws Exception {
        ActorRuntimeCore core = fx.runtime(ActorSettings.defaults(), fx.turns);
        CountDownLatch release = RuntimeFixture.Gate.shut();
        ActorId g = new ActorId("gate", "g");
        ActorId h = new ActorId("gate", "h");
        List<CompletableFuture<?>> calls = new ArrayList<>();
        calls.add(core.invokeAsync(g, "hold", ActorRequest.json("\"first\"")).toCompletableFuture());
        assertTrue(RuntimeFixture.Gate.inside.await(10, TimeUnit.SECONDS), "the first turn never got inside the actor");
        for (int i = 0; i < 3; i++) {
            calls.add(core.invokeAsync(g, "note", ActorRequest.json("\"" + i + "\"")).toCompletableFuture());
        }
        core.invoke(h, "wake", ActorRequest.json(null));

        assertEquals(List.of(new ActiveActor("g", 3, true, 0), new ActiveActor("h", 0, false, 0)),
                core.activeIds("gate", 0, 50).actors(), "the running turn is not counted as waiting");
        assertEquals(3, status(core, "gate").queued());
        assertEquals(3, core.stats().get("gate").getQueued(), "the same over JMX and the metrics gauge");
        assertEquals(0, status(core, "counter").queued());

        release.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(0, status(core, "gate").queued(), "nothing waits once the turns ran");
        assertEquals(List.of(new ActiveActor("g", 0, false, 0), new ActiveActor("h", 0, false, 0)), core.activeIds("gate", 0, 50).actors());
    }

    @Test
    void remindersArmedHereAreCountedPerTypeAndListedWithTheirDueTimeAndPeriod() {
        ActorRuntimeCore core = fx.runtime();
        Instant start = fx.clock.instant();
        ActorId b = new ActorId("counter", "b");
        ActorId a = new ActorId("counter", "a");
        core.createReminder(b, "tick", new ScheduleSpec("10s", "PT1M", null, null, null), true);
        core.createReminder(a, "once", new ScheduleSpec("1h", null, null, null, null), true);
        core.createReminder(a, "daily", new ScheduleSpec("0s", "R2/PT24H", null, null, null), true);
        RuntimeFixture.call(core, b, "add", "1");

        assertEquals(3, status(core, "counter").reminders());
        assertEquals(3, core.stats().get("counter").getReminders());
        assertEquals(0, status(core, "gate").reminders());
        ReminderPage first = core.reminders("counter", 0, 2);
        assertEquals(3, first.total());
        assertEquals(List.of(new ActorReminder("a", "daily", "0s", "R2/PT24H", start, 2, null),
                new ActorReminder("a", "once", "1h", "", start.plus(Duration.ofHours(1)), 1, null)), first.reminders(),
                "sorted by actor id, then name, as registered, with the next due time");
        assertEquals(List.of(new ActorReminder("b", "tick", "10s", "PT1M", start.plusSeconds(10), -1, null)),
                core.reminders("counter", 2, 2).reminders());
        assertEquals(List.of(new ActiveActor("b", 0, false, 1)), core.activeIds("counter", 0, 50).actors(),
                "an active actor shows how many of its reminders are armed");
        assertEquals(List.of("daily", "once"), core.reminders(a).stream().map(ActorReminder::name).toList(),
                "one actor's reminders, active or not");

        fx.clock.advance(Duration.ofSeconds(11)); // daily fired once; tick fired and moved on
        assertEquals(List.of(start.plus(Duration.ofHours(24)), start.plus(Duration.ofHours(1)), start.plusSeconds(70)),
                core.reminders("counter", 0, 50).reminders().stream().map(ActorReminder::next).toList());
        core.deleteReminder(a, "once");
        assertEquals(2, status(core, "counter").reminders());
        assertEquals(2, core.reminders("counter", 0, 50).total());
    }
}
