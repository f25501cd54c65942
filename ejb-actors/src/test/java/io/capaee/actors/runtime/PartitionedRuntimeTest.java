// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.placement.PartitionLeases;
import io.capaee.actors.placement.PlacementSettings;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ScheduleSpec;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two runtimes sharing one store and placing actors by leases, with a forwarder that hands an operation
 * to the other runtime's {@link ActorRuntime#here()} in process (the HTTP hop is the end-to-end tests'):
 * one activation per actor wherever it is called from, reminders fired by the owner only, and an
 * owner's death survived with the actor's saved state.
 */
class PartitionedRuntimeTest {
    private static final Duration LEASE = Duration.ofSeconds(9);

    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final Map<URI, ActorRuntimeCore> servers = new HashMap<>();
    private final Map<URI, PartitionLeases> placements = new HashMap<>();

    private final Forwarder inProcess = new Forwarder() {
        private <T> CompletionStage<T> at(URI owner, java.util.function.Function<ActorRuntime, T> op) {
            ActorRuntimeCore core = servers.get(owner);
            if (core == null) {
                return CompletableFuture.failedFuture(new ActorException(ActorException.Reason.NOT_OWNER, owner + " cannot be reached"));
            }
            try {
                return CompletableFuture.completedFuture(op.apply(core.here()));
            } catch (ActorException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletionStage<ActorResponse> invoke(URI owner, ActorId actor, String method, ActorRequest request) {
            ActorRuntimeCore core = servers.get(owner);
            return core == null ? at(owner, r -> null) : core.here().invokeAsync(actor, method, request);
        }

        @Override
        public CompletionStage<Void> createReminder(URI owner, ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
            return at(owner, r -> {
                r.createReminder(actor, name, spec, overwrite);
                return null;
            });
        }

        @Override
        public CompletionStage<Boolean> deleteReminder(URI owner, ActorId actor, String name) {
            return at(owner, r -> r.deleteReminder(actor, name));
        }

        @Override
        public CompletionStage<Void> createTimer(URI owner, ActorId actor, String name, ScheduleSpec spec) {
            return at(owner, r -> {
                r.createTimer(actor, name, spec);
                return null;
            });
        }

        @Override
        public CompletionStage<Boolean> deleteTimer(URI owner, ActorId actor, String name) {
            return at(owner, r -> r.deleteTimer(actor, name));
        }
    };

    private ActorRuntimeCore server(int port) {
        URI url = URI.create("http://127.0.0.1:" + port);
        PartitionLeases leases = new PartitionLeases(new PlacementSettings(8, LEASE, url, ActorSettings.defaults().keyPrefix()), fx.kv, fx.clock);
        ActorRuntimeCore core = fx.runtime(leases, inProcess);
        servers.put(url, core);
        placements.put(url, leases);
        core.start();
        return core;
    }

    private void tick() {
        for (int i = 0; i < 2; i++) {
            placements.values().forEach(PartitionLeases::tick);
        }
    }

    /** Lets {@code d} pass with the servers renewing their leases as they do, every third of a lease. */
    private void run(Duration d) {
        for (Duration left = d; !left.isNegative() && !left.isZero(); left = left.minus(LEASE.dividedBy(3))) {
            fx.clock.advance(LEASE.dividedBy(3).compareTo(left) < 0 ? LEASE.dividedBy(3) : left);
            tick();
        }
    }

    private int active(ActorRuntimeCore core) {
        return core.status().stream().mapToInt(ActorTypeStatus::active).sum();
    }

    /** An actor that the server at {@code port} owns. */
    private ActorId ownedBy(int port) {
        PartitionLeases owner = placements.get(URI.create("http://127.0.0.1:" + port));
        return IntStream.range(0, 1000).mapToObj(i -> new ActorId("counter", "c" + i)).filter(owner::owns).findFirst().orElseThrow();
    }

    private static int add(ActorRuntimeCore via, ActorId actor) {
        return Integer.parseInt(via.invoke(actor, "add", ActorRequest.json("1")).text());
    }

    @Test
    void callsThroughEitherServerReachTheOneActivationOfTheActorAndCountEveryTurn() {
        ActorRuntimeCore a = server(1);
        ActorRuntimeCore b = server(2);
        tick();
        ActorId ofB = ownedBy(2);
        for (int i = 1; i <= 10; i++) {
            assertEquals(i, add(i % 2 == 0 ? a : b, ofB));
        }
        assertEquals(1, active(b), "active on its owner");
        assertEquals(0, active(a), "never activated where it was only called from");
        assertEquals(Optional.of("10"), a.getState(ofB, "count"), "state reads go to the shared store from anywhere");
    }

    @Test
    void aReminderCreatedThroughAnyServerFiresOnItsOwnerOnlyOncePerDueTime() {
        ActorRuntimeCore a = server(1);
        ActorRuntimeCore b = server(2);
        tick();
        ActorId ofB = ownedBy(2);
        a.createReminder(ofB, "r", new ScheduleSpec("5s", "R3/PT10S", null, null, null), true);
        run(Duration.ofMinutes(1));
        assertEquals(Optional.of("3"), a.getState(ofB, "reminded.r"), "three fires in all, none twice");
        assertTrue(a.getReminder(ofB, "r").isEmpty());
        assertEquals(0, active(a));
    }

    @Test
    void eachServerListsTheRemindersItFiresAndAnyServerReadsOneActorsReminders() {
        ActorRuntimeCore a = server(1);
        ActorRuntimeCore b = server(2);
        tick();
        ActorId ofA = ownedBy(1);
        ActorId ofB = ownedBy(2);
        a.createReminder(ofB, "r", new ScheduleSpec("1h", null, null, null, null), true);
        b.createReminder(ofA, "r", new ScheduleSpec("1h", null, null, null, null), true);
        b.createReminder(ofA, "s", new ScheduleSpec("1h", null, null, null, null), true);
        assertEquals(2, a.reminders("counter", 0, 50).total(), "a fires its own actor's two");
        assertEquals(List.of(ofA.id(), ofA.id()), a.reminders("counter", 0, 50).reminders().stream().map(r -> r.actorId()).toList());
        assertEquals(1, b.stats().get("counter").getReminders(), "b counts the one it fires");
        assertEquals(List.of("r"), a.reminders(ofB).stream().map(r -> r.name()).toList(), "one actor's reminders, read from the store anywhere");
    }

    @Test
    void whenTheOwnerDiesItsActorsAnswerOnTheOtherServerWithTheStateTheySaved() {
        ActorRuntimeCore a = server(1);
        server(2);
        tick();
        ActorId ofB = ownedBy(2);
        assertEquals(1, add(a, ofB));
        assertEquals(2, add(a, ofB));
        // b dies: it answers nothing and renews nothing
        servers.remove(URI.create("http://127.0.0.1:2"));
        placements.remove(URI.create("http://127.0.0.1:2"));
        ActorException waiting = assertThrows(ActorException.class, () -> a.here().invoke(ofB, "add", ActorRequest.json("1")));
        assertEquals(ActorException.Reason.NOT_OWNER, waiting.reason(), "a forwarded call is refused, not forwarded again");
        run(LEASE.plusSeconds(1)); // a renews on; b's leases and member key run out, and a takes its share
        assertEquals(3, add(a, ofB), "taken over with its saved state");
        assertEquals(1, active(a));
    }

    @Test
    void aReminderDueWhileItsOwnerWasDeadFiresOnceOnTheServerThatTakesItsPartition() {
        ActorRuntimeCore a = server(1);
        ActorRuntimeCore b = server(2);
        tick();
        ActorId ofB = ownedBy(2);
        b.createReminder(ofB, "r", new ScheduleSpec("5s", null, null, null, null), true);
        servers.remove(URI.create("http://127.0.0.1:2"));
        placements.remove(URI.create("http://127.0.0.1:2"));
        b.stop(); // what a dead server's timers would do: nothing more fires there
        // a's renewals go on; b's leases run out and a takes them on its next tick
        run(LEASE.multipliedBy(2));
        assertEquals(Optional.of("1"), a.getState(ofB, "reminded.r"));
        assertNotEquals(0, active(a));
        assertTrue(a.getReminder(ofB, "r").isEmpty(), "fired once, then gone");
    }
}
