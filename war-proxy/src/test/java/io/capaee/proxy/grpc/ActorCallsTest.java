// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.proxy.actors.DaprActors;
import io.dapr.v1.DaprProtos;
import io.dapr.v1.DaprGrpc;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Actor calls over gRPC, on a runtime that keeps what it is given: what reaches the runtime, and what comes back. */
class ActorCallsTest {
    private final KeepingRuntime runtime = new KeepingRuntime();
    private final ActorCalls calls = new ActorCalls(new DaprActors(runtime));

    @Test
    void anInvocationReachesTheActorWithItsBodyAndAnswersWithTheActorsBody() {
        var out = new Answer<DaprProtos.InvokeActorResponse>();
        calls.invokeActor(DaprProtos.InvokeActorRequest.newBuilder().setActorType("counter").setActorId("a1").setMethod("add")
                .setData(ByteString.copyFromUtf8("5")).putMetadata("Dapr-Reentrancy-Id", "r-1").build(), out);
        assertEquals("7", out.value.getData().toStringUtf8());
        assertEquals("counter/a1.add(5) reentrancy r-1", runtime.calls.get(0));
    }

    @Test
    void anUnknownActorTypeIsNotFoundWithDaprsCode() throws Exception {
        var out = new Answer<DaprProtos.InvokeActorResponse>();
        calls.invokeActor(DaprProtos.InvokeActorRequest.newBuilder().setActorType("nobody").setActorId("a1").setMethod("m").build(), out);
        assertEquals(Status.Code.NOT_FOUND, out.error.getStatus().getCode());
        assertEquals("ERR_ACTOR_NO_ADDRESS", reason(out.error));
    }

    @Test
    void aReservedActorTypeIsRefusedBeforeTheRuntimeSeesIt() {
        var out = new Answer<DaprProtos.InvokeActorResponse>();
        calls.invokeActor(DaprProtos.InvokeActorRequest.newBuilder().setActorType("dapr.internal.x").setActorId("a").setMethod("m").build(), out);
        assertEquals(Status.Code.PERMISSION_DENIED, out.error.getStatus().getCode());
        assertTrue(runtime.calls.isEmpty());
    }

    @Test
    void stateWrittenInATransactionIsStoredAsJsonTextAndReadBackAsItsBytes() {
        var done = new Answer<com.google.protobuf.Empty>();
        calls.executeActorStateTransaction(DaprProtos.ExecuteActorStateTransactionRequest.newBuilder().setActorType("counter").setActorId("a1")
                .addOperations(upsert("count", "{\"n\": 3}"))
                .addOperations(upsert("bytes", "\"AAE=\""))
                .addOperations(DaprProtos.TransactionalActorStateOperation.newBuilder().setOperationType("delete").setKey("old"))
                .build(), done);
        assertNull(done.error);
        assertEquals(List.of(StateOperation.upsert("count", "{\"n\":3}"), StateOperation.upsert("bytes", "\"AAE=\""), StateOperation.delete("old")),
                runtime.transactions.get(0));

        var read = new Answer<DaprProtos.GetActorStateResponse>();
        calls.getActorState(DaprProtos.GetActorStateRequest.newBuilder().setActorType("counter").setActorId("a1").setKey("count").build(), read);
        assertEquals("{\"n\":3}", read.value.getData().toStringUtf8());
        var missing = new Answer<DaprProtos.GetActorStateResponse>();
        calls.getActorState(DaprProtos.GetActorStateRequest.newBuilder().setActorType("counter").setActorId("a1").setKey("none").build(), missing);
        assertTrue(missing.value.getData().isEmpty(), "a key with no value is an empty answer");
    }

    @Test
    void aValueThatIsNotJsonIsRefusedNamingTheKeyAndNothingIsWritten() throws Exception {
        var done = new Answer<com.google.protobuf.Empty>();
        calls.executeActorStateTransaction(DaprProtos.ExecuteActorStateTransactionRequest.newBuilder().setActorType("counter").setActorId("a1")
                .addOperations(upsert("fine", "1"))
                .addOperations(upsert("raw", "not json"))
                .build(), done);
        assertEquals(Status.Code.INVALID_ARGUMENT, done.error.getStatus().getCode());
        assertTrue(done.error.getStatus().getDescription().contains("'raw'"), done.error.getStatus().getDescription());
        assertTrue(runtime.transactions.isEmpty());
    }

    @Test
    void anUnknownOperationIsRefusedNamingIt() {
        var done = new Answer<com.google.protobuf.Empty>();
        calls.executeActorStateTransaction(DaprProtos.ExecuteActorStateTransactionRequest.newBuilder().setActorType("counter").setActorId("a1")
                .addOperations(DaprProtos.TransactionalActorStateOperation.newBuilder().setOperationType("merge").setKey("k")).build(), done);
        assertEquals(Status.Code.INVALID_ARGUMENT, done.error.getStatus().getCode());
        assertTrue(done.error.getStatus().getDescription().contains("'merge'"), done.error.getStatus().getDescription());
    }

    @Test
    void reminderDataIsKeptAsDaprKeepsGrpcBytesABase64JsonString() {
        byte[] data = {0, 1, (byte) 0xff};
        var done = new Answer<com.google.protobuf.Empty>();
        calls.registerActorReminder(DaprProtos.RegisterActorReminderRequest.newBuilder().setActorType("counter").setActorId("a1").setName("tick")
                .setDueTime("0h0m1s0ms").setPeriod("0h0m5s0ms").setData(ByteString.copyFrom(data)).build(), done);
        assertNull(done.error);
        ScheduleSpec spec = runtime.reminders.get("counter/a1/tick");
        assertEquals("0h0m1s0ms", spec.dueTime());
        assertEquals("0h0m5s0ms", spec.period());
        assertNull(spec.ttl());
        assertArrayEquals(data, Base64.getDecoder().decode(spec.data().substring(1, spec.data().length() - 1)));

        calls.unregisterActorReminder(DaprProtos.UnregisterActorReminderRequest.newBuilder().setActorType("counter").setActorId("a1")
                .setName("tick").build(), new Answer<>());
        assertTrue(runtime.reminders.isEmpty());
    }

    @Test
    void aTimerKeepsItsCallbackAndABadNameIsRefused() {
        calls.registerActorTimer(DaprProtos.RegisterActorTimerRequest.newBuilder().setActorType("counter").setActorId("a1").setName("t")
                .setDueTime("1s").setCallback("onTick").build(), new Answer<>());
        assertEquals("onTick", runtime.timers.get("counter/a1/t").callback());
        assertNull(runtime.timers.get("counter/a1/t").data());

        var bad = new Answer<com.google.protobuf.Empty>();
        calls.registerActorTimer(DaprProtos.RegisterActorTimerRequest.newBuilder().setActorType("counter").setActorId("a1").setName("")
                .setDueTime("1s").build(), bad);
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.error.getStatus().getCode());
    }

    @Test
    void anAnswerThatComesAfterTheClientCancelledIsDroppedAndSaidSoAtFine() throws Exception {
        runtime.later = new CompletableFuture<>();
        CountDownLatch cancelSeen = new CountDownLatch(1);
        ServerInterceptor seeCancel = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                    @Override
                    public void onCancel() {
                        super.onCancel(); // the call's observer knows it is cancelled from here on
                        cancelSeen.countDown();
                    }
                };
            }
        };
        List<LogRecord> fine = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(ActorCalls.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                fine.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.FINE);
        Level was = log.getLevel();
        log.setLevel(Level.FINE);
        log.addHandler(handler);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(ServerInterceptors.intercept(DaprService.of(List.of(calls)), seeCancel)).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        try {
            var answer = DaprGrpc.newFutureStub(channel).invokeActor(DaprProtos.InvokeActorRequest.newBuilder().setActorType("counter")
                    .setActorId("a1").setMethod("add").setData(ByteString.copyFromUtf8("5")).build());
            assertTrue(runtime.invoked.await(10, TimeUnit.SECONDS), "the call reached the runtime");
            answer.cancel(true);
            assertTrue(cancelSeen.await(10, TimeUnit.SECONDS), "the server saw the cancel");

            runtime.later.complete(new ActorResponse("7".getBytes(StandardCharsets.UTF_8), "application/json"));
            assertEquals(1, fine.size(), String.valueOf(fine));
            assertEquals(Level.FINE, fine.get(0).getLevel());
            assertTrue(fine.get(0).getMessage().contains("cancelled"), fine.get(0).getMessage());
        } finally {
            log.removeHandler(handler);
            log.setLevel(was);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static DaprProtos.TransactionalActorStateOperation upsert(String key, String value) {
        return DaprProtos.TransactionalActorStateOperation.newBuilder().setOperationType("upsert").setKey(key)
                .setValue(Any.newBuilder().setValue(ByteString.copyFromUtf8(value))).build();
    }

    private static String reason(StatusRuntimeException e) throws Exception {
        return StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class).getReason();
    }

    /** What a unary call answered: its value or its error. */
    private static final class Answer<T> implements StreamObserver<T> {
        T value;
        StatusRuntimeException error;

        @Override
        public void onNext(T v) {
            value = v;
        }

        @Override
        public void onError(Throwable t) {
            error = (StatusRuntimeException) t;
        }

        @Override
        public void onCompleted() {}
    }

    /** Hosts "counter" only: its add answers the argument plus two; keeps state, reminders and timers in maps. */
    private static final class KeepingRuntime implements ActorRuntime {
        final List<String> calls = new ArrayList<>();
        final List<List<StateOperation>> transactions = new ArrayList<>();
        final Map<String, String> state = new HashMap<>();
        final Map<String, ScheduleSpec> reminders = new HashMap<>();
        final Map<String, ScheduleSpec> timers = new HashMap<>();
        /** When set, what invocations answer, once the test completes it. */
        volatile CompletableFuture<ActorResponse> later;
        final CountDownLatch invoked = new CountDownLatch(1);

        private static void hosted(ActorId actor) {
            if (!actor.type().equals("counter")) {
                throw new ActorException(ActorException.Reason.UNKNOWN_TYPE, "no actor type '" + actor.type() + "' is hosted");
            }
        }

        @Override
        public ActorResponse invoke(ActorId actor, String method, ActorRequest request) {
            hosted(actor);
            String body = new String(request.body(), StandardCharsets.UTF_8);
            calls.add(actor.type() + "/" + actor.id() + "." + method + "(" + body + ") reentrancy " + request.reentrancyId());
            return new ActorResponse(String.valueOf(Integer.parseInt(body) + 2).getBytes(StandardCharsets.UTF_8), "application/json");
        }

        @Override
        public CompletionStage<ActorResponse> invokeAsync(ActorId actor, String method, ActorRequest request) {
            if (later != null) {
                invoked.countDown();
                return later;
            }
            try {
                return CompletableFuture.completedFuture(invoke(actor, method, request));
            } catch (ActorException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public Optional<String> getState(ActorId actor, String key) {
            return Optional.ofNullable(state.get(key));
        }

        @Override
        public void transaction(ActorId actor, List<StateOperation> operations) {
            transactions.add(operations);
            operations.forEach(op -> {
                if (op.value() == null) {
                    state.remove(op.key());
                } else {
                    state.put(op.key(), op.value());
                }
            });
        }

        @Override
        public void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
            reminders.put(actor.type() + "/" + actor.id() + "/" + name, spec);
        }

        @Override
        public Optional<ReminderView> getReminder(ActorId actor, String name) {
            return Optional.empty();
        }

        @Override
        public boolean deleteReminder(ActorId actor, String name) {
            return reminders.remove(actor.type() + "/" + actor.id() + "/" + name) != null;
        }

        @Override
        public void createTimer(ActorId actor, String name, ScheduleSpec spec) {
            timers.put(actor.type() + "/" + actor.id() + "/" + name, spec);
        }

        @Override
        public boolean deleteTimer(ActorId actor, String name) {
            return timers.remove(actor.type() + "/" + actor.id() + "/" + name) != null;
        }

        @Override
        public Set<String> types() {
            return Set.of("counter");
        }

        @Override
        public List<ActorTypeStatus> status() {
            return List.of();
        }
    }
}
