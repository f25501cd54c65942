// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.actors;

import io.capaee.actors.examples.CounterActor;
import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.actors.runtime.ActorSettings;
import io.capaee.actors.runtime.MemoryKeyValue;
import io.capaee.actors.java.JavaActorType;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-process Java actor calls per second (bench/actors.sh runs it): the runtime with the example
 * counter over the in-memory store, so what is measured is the runtime itself (turn lock,
 * reflection, JSON-B arguments, one state read and compare-and-set per call), not Redis.
 * Arguments: threads, seconds, method (add: writes state; get: reads it).
 */
public final class InProcessBench {
    private InProcessBench() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String method = args.length > 2 ? args[2] : "add";
        // like the server: a synchronous call runs its turn on the caller's thread when the actor is
        // idle; turns queued behind a busy actor run on the pool
        java.util.concurrent.ExecutorService turns = java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, threads));
        try (Jsonb jsonb = JsonbBuilder.create()) {
            ActorRuntimeCore core = new ActorRuntimeCore(ActorSettings.defaults(), new ActorStore(new MemoryKeyValue(), "bench:"),
                    (at, task) -> () -> { }, Clock.systemUTC(), t -> Optional.empty(), turns, (at, task) -> () -> { });
            core.register(new JavaActorType(CounterActor.class, jsonb));
            run(core, threads, 3, method); // warm-up
            double perSecond = run(core, threads, seconds, method);
            System.out.printf("in-process %s: %.0f calls/s (%d threads, 100 actors, in-memory store)%n", method, perSecond, threads);
        } finally {
            turns.shutdownNow();
        }
    }

    private static double run(ActorRuntimeCore core, int threads, int seconds, String method) throws InterruptedException {
        LongAdder calls = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(threads);
        ActorRequest one = ActorRequest.json("1");
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                int i = offset;
                try {
                    while (System.nanoTime() < end) {
                        core.invoke(new ActorId("counter", "a" + (i++ % 100)), method, one);
                        calls.increment();
                    }
                } finally {
                    done.countDown(); // also when a call throws: the run ends instead of waiting for ever
                }
            });
            worker.start();
        }
        done.await();
        return calls.sum() / (double) seconds;
    }
}
