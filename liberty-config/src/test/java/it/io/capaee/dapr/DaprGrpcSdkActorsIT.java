// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapr.actors.ActorId;
import io.dapr.actors.ActorType;
import io.dapr.actors.client.ActorClient;
import io.dapr.actors.client.ActorProxy;
import io.dapr.actors.client.ActorProxyBuilder;
import io.dapr.actors.runtime.AbstractActor;
import io.dapr.actors.runtime.ActorRuntime;
import io.dapr.actors.runtime.ActorRuntimeContext;
import io.dapr.actors.runtime.Remindable;
import io.dapr.exceptions.DaprException;
import io.dapr.utils.TypeRef;
import it.io.capaee.support.Actors;
import it.io.capaee.support.SdkActorHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The current Dapr Java SDK's actors (io.dapr:dapr-sdk-actors 1.16, gRPC) against Capa EE: {@code ActorProxy} calls to
 * the example Java actor ({@code counter}), to the wasm actor ({@code wasm-kv}), and to an actor hosted by the SDK's
 * own actor runtime in this test ({@code grpc-tally}, found through the server's actor host discovery), whose state,
 * reminders and timers go back to the server over gRPC.
 *
 * <p>Like {@link DaprGrpcSdkIT}, it runs in failsafe's execution {@code dapr-grpc-sdk} only.
 */
class DaprGrpcSdkActorsIT {
    /** The example Java actor, hosted by the server. */
    @ActorType(name = "counter")
    public interface Counter {
        int add(int delta);

        int get();

        void fail(String message);
    }

    /** An actor hosted by the SDK in this test. */
    @ActorType(name = "grpc-tally")
    public interface Tally {
        int add(int delta);

        int total();

        void remindMe(String note);

        void tickMe(String note);

        /** The timer's callback: the SDK finds callbacks among the actor interface's methods. */
        Mono<Void> onTick(String note);

        String heard();
    }

    /** Keeps a total and what its reminders and timers brought in its actor state, which the SDK keeps in Capa EE. */
    @ActorType(name = "grpc-tally")
    public static class TallyActor extends AbstractActor implements Tally, Remindable<String> {
        public TallyActor(ActorRuntimeContext<TallyActor> context, ActorId id) {
            super(context, id);
        }

        @Override
        public int add(int delta) {
            int total = total() + delta;
            getActorStateManager().set("total", total).block();
            return total;
        }

        @Override
        public int total() {
            return getActorStateManager().contains("total").block() ? getActorStateManager().get("total", int.class).block() : 0;
        }

        @Override
        public void remindMe(String note) {
            registerReminder("wake", note, Duration.ZERO, Duration.ofHours(1)).block();
        }

        @Override
        public void tickMe(String note) {
            registerActorTimer("tick", "onTick", note, Duration.ZERO, Duration.ofHours(1)).block();
        }

        @Override
        public Mono<Void> onTick(String note) {
            return getActorStateManager().set("heard", "timer:" + note).then(unregisterTimer("tick"));
        }

        @Override
        public String heard() {
            return getActorStateManager().contains("heard").block() ? getActorStateManager().get("heard", String.class).block() : "";
        }

        @Override
        public TypeRef<String> getStateType() {
            return TypeRef.STRING;
        }

        @Override
        public Mono<Void> receiveReminder(String name, String note, Duration dueTime, Duration period) {
            return getActorStateManager().set("heard", name + ":" + note).then(unregisterReminder(name));
        }
    }

    private static SdkActorHost host;
    private static ActorClient client;
    private final String id = "grpc-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        ActorRuntime.getInstance().registerActor(TallyActor.class);
        // the server discovers the types of the host on this port (capa.actors.hosts in the test server)
        host = new SdkActorHost(Integer.getInteger("it.actor-discovery.port"));
        client = new ActorClient();
        // the server asks a discovering host again at most every few seconds (capa.actors.hosts): until it has asked
        // this one since it started, the type is unknown
        Tally probe = new ActorProxyBuilder<>(Tally.class, client).build(new ActorId("probe"));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                probe.total();
                break;
            } catch (DaprException e) {
                if (System.nanoTime() > end || !"NOT_FOUND".equals(e.getErrorCode())) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            client.close();
            host.close();
            Actors.cleanRedis();
        }
    }

    @Test
    void aTypedProxyCallsTheJavaActorOverGrpc() {
        Counter counter = new ActorProxyBuilder<>(Counter.class, client).build(new ActorId(id));
        assertEquals(5, counter.add(5));
        assertEquals(8, counter.add(3));
        assertEquals(8, counter.get());
    }

    @Test
    void anActorsFailureAndAnUnknownTypeReachTheSdkAsDaprExceptions() {
        Counter counter = new ActorProxyBuilder<>(Counter.class, client).build(new ActorId(id));
        DaprException failed = assertThrows(DaprException.class, () -> counter.fail("from the grpc sdk test"));
        assertEquals("INTERNAL", failed.getErrorCode(), failed.getMessage());
        assertTrue(failed.getMessage().contains("from the grpc sdk test"), failed.getMessage());
        assertEquals(0, counter.get(), "the failed call saved nothing");

        ActorProxy unknown = new ActorProxyBuilder<>("no-such-type", ActorProxy.class, client).build(new ActorId(id));
        DaprException missing = assertThrows(DaprException.class, () -> unknown.invokeMethod("x").block());
        assertEquals("NOT_FOUND", missing.getErrorCode(), missing.getMessage());
    }

    @Test
    void anUntypedProxyCallsTheWasmActor() throws Exception {
        ActorProxy wasm = new ActorProxyBuilder<>("wasm-kv", ActorProxy.class, client).build(new ActorId(id));
        wasm.invokeMethod("redis-set", new String[] {"colour", "blue"}, byte[].class).block();
        byte[] colour = wasm.invokeMethod("redis-get", new String[] {"colour"}, byte[].class).block();
        assertArrayEquals("blue".getBytes(StandardCharsets.UTF_8), colour);
        assertEquals("\"blue\"", Actors.state("wasm-kv", id, "colour"), "the same state the HTTP actor API reads");
    }

    @Test
    void anSdkHostedActorKeepsItsStateInCapaOverGrpcAndReadsItBackAfterDeactivation() throws Exception {
        Tally tally = new ActorProxyBuilder<>(Tally.class, client).build(new ActorId(id));
        assertEquals(2, tally.add(2));
        assertEquals(5, tally.add(3));
        assertEquals("5", Actors.state("grpc-tally", id, "total"), "saved over gRPC, read over HTTP");

        // idle actors are deactivated (capa.actors.idle-timeout); the next call activates it anew from the stored state
        String deactivated = "DELETE /actors/grpc-tally/" + id;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!host.calls.contains(deactivated) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertTrue(host.calls.contains(deactivated), host.calls.toString());
        assertEquals(5, tally.total(), "read back over gRPC by a fresh activation");
    }

    @Test
    void remindersAndTimersRegisteredOverGrpcFireWithTheirData() throws Exception {
        Tally tally = new ActorProxyBuilder<>(Tally.class, client).build(new ActorId(id));
        tally.remindMe("good morning");
        Actors.awaitState("grpc-tally", id, "heard", "\"wake:good morning\"", Duration.ofSeconds(20));

        tally.tickMe("tock");
        Actors.awaitState("grpc-tally", id, "heard", "\"timer:tock\"", Duration.ofSeconds(20));
        assertEquals(404, Actors.get("grpc-tally/" + id + "/reminders/wake").statusCode(), "the actor unregistered its reminder over gRPC");
    }
}
