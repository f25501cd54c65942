// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.runtime.ManualScheduler;
import io.capaee.actors.runtime.MemoryKeyValue;
import io.capaee.actors.runtime.Placement;
import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorId;
import io.capaee.api.kv.FencedException;
import io.capaee.api.kv.KeyValueConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Placement by leases, with two or three servers on one in-memory store and one manual clock: who owns
 * which partition, how partitions move when servers join, stop or die, and that a server that lost a
 * partition is fenced off.
 */
class PartitionLeasesTest {
    private static final int PARTITIONS = 8;
    private static final Duration LEASE = Duration.ofSeconds(9);

    private final ManualScheduler clock = new ManualScheduler();
    private final MemoryKeyValue kv = new MemoryKeyValue(clock);

    /** A server's placement and what it heard of its partitions. */
    private final class Server implements Placement.Owner {
        final PartitionLeases leases;
        final List<Integer> gained = new ArrayList<>();
        final List<Integer> lost = new ArrayList<>();

        Server(int port) {
            this(port, PARTITIONS);
        }

        Server(int port, int partitions) {
            leases = new PartitionLeases(new PlacementSettings(partitions, LEASE, URI.create("http://127.0.0.1:" + port), "t:"), kv, clock);
            leases.start(this);
        }

        @Override
        public void gained(Set<Integer> partitions) {
            gained.addAll(partitions);
        }

        @Override
        public CompletionStage<Void> lost(int partition, boolean drain) {
            lost.add(partition);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static ActorId actorIn(PartitionLeases leases, int partition) {
        return IntStream.range(0, 10_000).mapToObj(i -> new ActorId("Counter", "c" + i)).filter(a -> leases.partition(a) == partition)
                .findFirst().orElseThrow();
    }

    private void tickAll(Server... servers) {
        for (Server s : servers) {
            s.leases.tick();
        }
    }

    @Test
    void aLoneServerTakesEveryPartitionAndRunsEveryActorItself() {
        Server a = new Server(1);
        assertEquals(IntStream.range(0, PARTITIONS).boxed().toList(), a.leases.owned());
        assertEquals(Set.copyOf(a.leases.owned()), Set.copyOf(a.gained));
        assertInstanceOf(Placement.Where.Here.class, a.leases.where(new ActorId("Counter", "x")));
        List<ActorGroupMember> members = a.leases.members();
        assertEquals(1, members.size());
        assertTrue(members.get(0).self());
    }

    @Test
    void aServerThatJoinsIsHandedItsShareAndCallsForItsActorsAreSentThere() {
        Server a = new Server(1);
        Server b = new Server(2);
        tickAll(a, b, a, b);
        assertEquals(PARTITIONS / 2, a.leases.owned().size());
        assertEquals(PARTITIONS / 2, b.leases.owned().size());
        Set<Integer> all = new HashSet<>(a.leases.owned());
        all.addAll(b.leases.owned());
        assertEquals(PARTITIONS, all.size(), "every partition has one owner");
        assertEquals(Set.copyOf(a.lost), Set.copyOf(b.gained), "what a handed over, b took");
        ActorId ofB = actorIn(a.leases, b.leases.owned().get(0));
        assertEquals(new Placement.Where.There(URI.create("http://127.0.0.1:2")), a.leases.where(ofB));
        assertInstanceOf(Placement.Where.Here.class, b.leases.where(ofB));
        assertEquals(2, b.leases.members().size());
    }

    @Test
    void threeServersSettleOnSharesThatDifferByOneAtMost() {
        Server a = new Server(1, 16);
        Server b = new Server(2, 16);
        tickAll(a, b, a, b);
        Server c = new Server(3, 16);
        for (int round = 0; round < 4; round++) {
            tickAll(a, b, c);
        }
        List<Integer> sizes = new ArrayList<>(List.of(a.leases.owned().size(), b.leases.owned().size(), c.leases.owned().size()));
        sizes.sort(null);
        assertEquals(List.of(5, 5, 6), sizes, "16 partitions over three servers");
        Set<Integer> all = new HashSet<>(a.leases.owned());
        all.addAll(b.leases.owned());
        all.addAll(c.leases.owned());
        assertEquals(16, all.size(), "every partition has one owner");
    }

    @Test
    void aDeadServersPartitionsGoToTheOthersOnceItsLeasesRunOutAndNotBefore() {
        Server a = new Server(1);
        Server b = new Server(2);
        Server c = new Server(3);
        tickAll(a, b, c, a, b, c);
        List<Integer> ofC = c.leases.owned();
        ActorId actor = actorIn(a.leases, ofC.get(0));
        // c dies: it renews nothing from now on
        clock.advance(LEASE.dividedBy(3));
        tickAll(a, b);
        assertEquals(new Placement.Where.There(URI.create("http://127.0.0.1:3")), a.leases.where(actor), "the lease still runs");
        clock.advance(LEASE);
        tickAll(a, b, a, b);
        Set<Integer> taken = new HashSet<>(a.leases.owned());
        taken.addAll(b.leases.owned());
        assertEquals(PARTITIONS, taken.size(), "a and b own every partition between them");
        assertTrue(a.leases.owned().size() >= PARTITIONS / 2 && b.leases.owned().size() >= PARTITIONS / 2 - 1);
        assertEquals(2, a.leases.members().size(), "c's member key expired with its leases");
    }

    @Test
    void aServerBelowItsShareTakesAHandedOverPartitionOnTheFirstCallForIt() {
        Server a = new Server(1);
        Server b = new Server(2); // its first renewal finds every partition held by a
        a.leases.tick(); // a sees two members and hands four partitions over
        assertEquals(PARTITIONS / 2, a.leases.owned().size());
        int handedOver = a.lost.get(0);
        ActorId actor = actorIn(b.leases, handedOver);
        assertInstanceOf(Placement.Where.Here.class, b.leases.where(actor), "b holds none of its four: it takes this one at once");
        assertTrue(b.gained.contains(handedOver), "its reminders are armed there");
    }

    @Test
    void aServerAtItsShareLeavesAFreePartitionToTheServersBelowTheirs() {
        Server a = new Server(1);
        Server b = new Server(2);
        tickAll(a, b, a, b);
        ActorId ofB = actorIn(a.leases, b.leases.owned().get(0));
        clock.advance(LEASE.plusSeconds(1)); // b died; a has not renewed since either
        a.leases.tick(); // b's member key expired with its leases: a's share is now every partition
        assertInstanceOf(Placement.Where.Here.class, a.leases.where(ofB));
        assertEquals(PARTITIONS, a.leases.owned().size());
    }

    @Test
    void aServerStopsActingOnAPartitionBeforeItsLeaseCanRunOutAndIsFencedOffOnceItDid() {
        Server a = new Server(1);
        ActorId actor = new ActorId("Counter", "fenced");
        assertTrue(a.leases.owns(actor));
        clock.advance(LEASE.multipliedBy(3).dividedBy(4)); // a's renewals did not happen (a paused)
        assertFalse(a.leases.owns(actor), "three quarters of a lease after the last renewal, it stops");
        clock.advance(LEASE);
        Server b = new Server(2);
        assertTrue(b.leases.owns(actor), "the lease ran out and b took it");
        try (KeyValueConnection c = kv.getConnection()) {
            assertThrows(FencedException.class, () -> c.compareAndSet("t:state||Counter||fenced", null, "{}", a.leases.fence(actor).orElseThrow()));
            assertTrue(c.compareAndSet("t:state||Counter||fenced", null, "{}", b.leases.fence(actor).orElseThrow()));
        }
        a.leases.tick();
        assertTrue(a.lost.contains(a.leases.partition(actor)), "its next tick finds the lease gone and deactivates the partition");
        assertFalse(a.leases.owned().contains(a.leases.partition(actor)));
    }

    @Test
    void aStoppingServerGivesItsPartitionsBackSoThatTheOthersTakeThemAtOnce() {
        Server a = new Server(1);
        Server b = new Server(2);
        tickAll(a, b, a, b);
        a.leases.stop();
        b.leases.tick();
        assertEquals(PARTITIONS, b.leases.owned().size());
        assertEquals(1, b.leases.members().size());
        assertInstanceOf(Placement.Where.Nowhere.class, a.leases.where(new ActorId("Counter", "x")), "a stopped server takes nothing");
    }
}
