// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.actors.placement.PartitionLeases;
import io.capaee.actors.placement.PlacementSettings;
import io.capaee.actors.runtime.ManualScheduler;
import io.capaee.actors.runtime.MemoryKeyValue;
import io.capaee.actors.runtime.Placement;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.tracing.Traces;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Jobs on two servers sharing one job store and placing work by leases: each firing is delivered by
 * one server only, whichever server the job was scheduled through, and a dead server's jobs fire on the
 * other once its leases ran out.
 */
class PartitionedJobsTest {
    private static final Duration LEASE = Duration.ofSeconds(9);

    private final ManualScheduler clock = new ManualScheduler();
    private final MemoryKeyValue kv = new MemoryKeyValue(clock);
    private final List<String> delivered = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();

    private final class Server {
        final String name;
        final PartitionLeases leases;
        final Jobs jobs;
        boolean alive = true;

        Server(String name, int port) {
            this.name = name;
            leases = new PartitionLeases(new PlacementSettings(8, LEASE, URI.create("http://127.0.0.1:" + port), "t:"), kv, clock);
            leases.start(new Placement.Owner() {
                @Override
                public void gained(java.util.Set<Integer> partitions) {
                }

                @Override
                public CompletionStage<Void> lost(int partition, boolean drain) {
                    return CompletableFuture.completedFuture(null);
                }
            });
            jobs = new Jobs(JobSettings.defaults(), new JobStore(kv, "t:jobs:"), clock, clock,
                    job -> delivered.add(job.name() + " by " + this.name), Runnable::run, leases, Traces.off());
            jobs.start();
            servers.add(this);
        }
    }

    /** Lets {@code d} pass, the living servers renewing and rescanning every third of a lease, as the bean's timer does. */
    private void run(Duration d) {
        for (Duration left = d; left.compareTo(Duration.ZERO) > 0; left = left.minus(LEASE.dividedBy(3))) {
            clock.advance(LEASE.dividedBy(3).compareTo(left) < 0 ? LEASE.dividedBy(3) : left);
            for (Server s : servers) {
                if (s.alive) {
                    s.leases.tick();
                    s.jobs.rescan();
                }
            }
        }
    }

    private String ownedBy(Server s) {
        return IntStream.range(0, 1000).mapToObj(i -> "job-" + i).filter(n -> s.leases.owns(s.leases.partition(n))).findFirst().orElseThrow();
    }

    @Test
    void aJobScheduledThroughEitherServerIsDeliveredByItsOwnerOnlyOncePerFiring() {
        Server a = new Server("a", 1);
        Server b = new Server("b", 2);
        run(LEASE);
        String ofB = ownedBy(b);
        String ofA = ownedBy(a);
        a.jobs.schedule(new JobSpec(ofB, "@every 10s", null, 3, null, null, null), false);
        a.jobs.schedule(new JobSpec(ofA, "@every 10s", null, 3, null, null, null), false);
        run(Duration.ofMinutes(1));
        assertEquals(3, delivered.stream().filter(d -> d.equals(ofB + " by b")).count(), delivered.toString());
        assertEquals(3, delivered.stream().filter(d -> d.equals(ofA + " by a")).count(), delivered.toString());
        assertEquals(6, delivered.size(), delivered.toString());
    }

    @Test
    void aDeadServersJobsFireOnTheOtherOnceItsLeasesRanOut() {
        Server a = new Server("a", 1);
        Server b = new Server("b", 2);
        run(LEASE);
        String ofB = ownedBy(b);
        b.jobs.schedule(new JobSpec(ofB, "@every 10s", null, 0, null, null, null), false);
        run(Duration.ofSeconds(25));
        b.alive = false;
        b.jobs.stop(); // its timers die with it
        run(Duration.ofSeconds(60));
        long byB = delivered.stream().filter(d -> d.equals(ofB + " by b")).count();
        long byA = delivered.stream().filter(d -> d.equals(ofB + " by a")).count();
        assertEquals(2, byB, delivered.toString());
        assertEquals(8, byB + byA, "one firing every 10 s through the death: " + delivered);
    }
}
