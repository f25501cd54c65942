// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.examples.CounterActor;
import io.capaee.actors.java.JavaActorType;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.Actor;
import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the runtime's tests share: an in-memory store, a manual clock and scheduler, and runtimes
 * over them hosting the example counter and the test actors below. A test class registers it
 * ({@code @RegisterExtension}), which closes it after each test.
 */
final class RuntimeFixture implements AfterEachCallback {
    final Jsonb jsonb = JsonbBuilder.create();
    final ManualScheduler clock = new ManualScheduler();
    final MemoryKeyValue kv = new MemoryKeyValue(clock);
    /** Turns of the runtimes that run them on threads of their own, as the server does. */
    final ExecutorService turns = Executors.newCachedThreadPool();

    /** Turns run on the caller's thread (or the one that ends the turn ahead): deterministic with the manual clock. */
    ActorRuntimeCore runtime(ActorSettings settings) {
        return runtime(settings, Runnable::run);
    }

    ActorRuntimeCore runtime() {
        return runtime(ActorSettings.defaults());
    }

    ActorRuntimeCore runtime(ActorSettings settings, Executor executor) {
        return runtime(settings, clock, executor);
    }

    ActorRuntimeCore runtime(ActorSettings settings, Scheduler scheduler, Executor executor) {
        return hosting(new ActorRuntimeCore(settings, new ActorStore(kv, settings.keyPrefix()), scheduler, clock, t -> Optional.empty(),
                executor, clock));
    }

    /** A runtime of a group sharing this fixture's store, placing actors by {@code placement}, forwarding by {@code forwarder}. */
    ActorRuntimeCore runtime(Placement placement, Forwarder forwarder) {
        ActorSettings settings = ActorSettings.defaults();
        return hosting(new ActorRuntimeCore(settings, new ActorStore(kv, settings.keyPrefix(), placement::fence), clock, clock,
                t -> Optional.empty(), Runnable::run, clock, placement, forwarder));
    }

    private ActorRuntimeCore hosting(ActorRuntimeCore core) {
        core.register(new JavaActorType(CounterActor.class, jsonb));
        core.register(new JavaActorType(Plain.class, jsonb));
        core.register(new JavaActorType(Reentrant.class, jsonb));
        core.register(new JavaActorType(Gate.class, jsonb));
        return core;
    }

    static String call(ActorRuntimeCore core, ActorId id, String method, String json) {
        return core.invoke(id, method, ActorRequest.json(json)).text();
    }

    /** A call whose body is the JSON string {@code text}, made in call chain {@code chain} (a Dapr-Reentrancy-Id). */
    static ActorRequest inChain(String text, String chain) {
        return new ActorRequest(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8), "application/json", chain);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        turns.shutdownNow();
        jsonb.close();
    }

    /** Holds its turn until the test opens the latch; records the order of the calls in its state. */
    @ActorType("gate")
    public static class Gate {
        static volatile CountDownLatch latch;
        /** Opened when a call of {@code hold} is inside the actor. */
        static volatile CountDownLatch inside;
        private final ActorContext context;

        /** Closes the gate: calls of {@code hold} wait until the latch returned is opened. */
        static CountDownLatch shut() {
            latch = new CountDownLatch(1);
            inside = new CountDownLatch(1);
            return latch;
        }

        public Gate(ActorContext context) {
            this.context = context;
        }

        /** Activates the actor, so that a call of the running turn's chain finds it inside its turn. */
        public void wake() {
        }

        public String hold(String name) throws InterruptedException {
            inside.countDown();
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
