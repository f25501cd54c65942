// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.api.json.JsonText;
import io.capaee.api.json.Jsonp;
import io.capaee.proxy.actors.DaprActors;
import io.capaee.proxy.dapr.DaprException;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.json.JsonException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Actors over gRPC: invoke, state get and transaction, reminders and timers, on the runtime the HTTP actor API
 * uses ({@link DaprActors}), so an actor called over one protocol sees the state and reminders set over the other.
 *
 * <p>Values travel as Dapr's gRPC API carries them. Actor state is JSON text (the SDKs send their serializer's JSON,
 * or a byte array as a base64 JSON string); bytes that are not UTF-8 JSON are refused, naming the key, rather than
 * stored changed. Reminder and timer data are opaque bytes, kept as Dapr keeps them: a base64 JSON string, which
 * the SDKs' actor runtimes decode when the reminder or timer fires.
 */
final class ActorCalls extends DaprCalls {
    private static final Logger LOG = Logger.getLogger(ActorCalls.class.getName());
    private final DaprActors actors;

    ActorCalls(DaprActors actors) {
        this.actors = actors;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getInvokeActorMethod(), DaprGrpc.getGetActorStateMethod(), DaprGrpc.getExecuteActorStateTransactionMethod(),
                DaprGrpc.getRegisterActorReminderMethod(), DaprGrpc.getUnregisterActorReminderMethod(),
                DaprGrpc.getRegisterActorTimerMethod(), DaprGrpc.getUnregisterActorTimerMethod());
    }

    @Override
    public void invokeActor(DaprProtos.InvokeActorRequest request, StreamObserver<DaprProtos.InvokeActorResponse> out) {
        try {
            ActorId actor = DaprActors.actor(request.getActorType(), request.getActorId());
            var metadata = request.getMetadataMap();
            ActorRequest call = new ActorRequest(request.getData().toByteArray(), metadata.get("content-type"), metadata.get("Dapr-Reentrancy-Id"));
            // the call thread returns now: the call waits for its turn, and runs, on the runtime's threads
            actors.invoke(actor, request.getMethod(), call, (response, refusal) -> answerLater(out, actor, request.getMethod(), response, refusal));
        } catch (RuntimeException e) {
            out.onError(status("InvokeActor", e));
        }
    }

    /**
     * Answers an invocation once the actor's turn is over, on the runtime's thread. The client may have cancelled
     * meanwhile (its deadline passed, it went away): the answer is then dropped, and said so at FINE, since grpc-java
     * refuses it, and the runtime's future would swallow what the refusal throws without a word.
     */
    private static void answerLater(StreamObserver<DaprProtos.InvokeActorResponse> out, ActorId actor, String method,
                                    ActorResponse response, DaprException refusal) {
        if (out instanceof ServerCallStreamObserver<?> call && call.isCancelled()) {
            LOG.log(Level.FINE, "InvokeActor {0}.{1}: the client cancelled the call; its answer is dropped", new Object[] {actor, method});
            return;
        }
        try {
            if (refusal != null) {
                out.onError(GrpcStatuses.of(refusal));
                return;
            }
            out.onNext(DaprProtos.InvokeActorResponse.newBuilder().setData(ByteString.copyFrom(response.body())).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            // cancelled between the check and the answer
            LOG.log(Level.FINE, "InvokeActor {0}.{1}: the answer could not be sent: {2}", new Object[] {actor, method, e.getMessage()});
        }
    }

    @Override
    public void getActorState(DaprProtos.GetActorStateRequest request, StreamObserver<DaprProtos.GetActorStateResponse> out) {
        answer(out, "GetActorState", () -> {
            ActorId actor = DaprActors.actor(request.getActorType(), request.getActorId());
            // a key with no value is an empty answer, as Dapr's
            ByteString data = actors.state(actor, request.getKey()).map(ByteString::copyFromUtf8).orElse(ByteString.EMPTY);
            return DaprProtos.GetActorStateResponse.newBuilder().setData(data).build();
        });
    }

    @Override
    public void executeActorStateTransaction(DaprProtos.ExecuteActorStateTransactionRequest request, StreamObserver<Empty> out) {
        answer(out, "ExecuteActorStateTransaction", () -> {
            ActorId actor = DaprActors.actor(request.getActorType(), request.getActorId());
            actors.transaction(actor, operations(request.getOperationsList()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void registerActorReminder(DaprProtos.RegisterActorReminderRequest request, StreamObserver<Empty> out) {
        answer(out, "RegisterActorReminder", () -> {
            ActorId actor = DaprActors.actor(request.getActorType(), request.getActorId());
            ScheduleSpec spec = new ScheduleSpec(blank(request.getDueTime()), blank(request.getPeriod()), blank(request.getTtl()),
                    data(request.getData()), null);
            // as Dapr: registering a reminder again replaces it
            actors.createReminder(actor, request.getName(), spec, true);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void unregisterActorReminder(DaprProtos.UnregisterActorReminderRequest request, StreamObserver<Empty> out) {
        answer(out, "UnregisterActorReminder", () -> {
            actors.deleteReminder(DaprActors.actor(request.getActorType(), request.getActorId()), request.getName());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void registerActorTimer(DaprProtos.RegisterActorTimerRequest request, StreamObserver<Empty> out) {
        answer(out, "RegisterActorTimer", () -> {
            ActorId actor = DaprActors.actor(request.getActorType(), request.getActorId());
            ScheduleSpec spec = new ScheduleSpec(blank(request.getDueTime()), blank(request.getPeriod()), blank(request.getTtl()),
                    data(request.getData()), blank(request.getCallback()));
            actors.createTimer(actor, request.getName(), spec);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void unregisterActorTimer(DaprProtos.UnregisterActorTimerRequest request, StreamObserver<Empty> out) {
        answer(out, "UnregisterActorTimer", () -> {
            actors.deleteTimer(DaprActors.actor(request.getActorType(), request.getActorId()), request.getName());
            return Empty.getDefaultInstance();
        });
    }

    static List<StateOperation> operations(List<DaprProtos.TransactionalActorStateOperation> operations) {
        List<StateOperation> result = new ArrayList<>(operations.size());
        for (DaprProtos.TransactionalActorStateOperation op : operations) {
            try {
                switch (op.getOperationType()) {
                    case "upsert" -> result.add(StateOperation.upsert(op.getKey(), json(op.getKey(), op.getValue().getValue())));
                    case "delete" -> result.add(StateOperation.delete(op.getKey()));
                    default -> throw GrpcStatuses.invalid("ERR_NOT_SUPPORTED_STATE_OPERATION",
                            "operation type '" + op.getOperationType() + "' is not supported (upsert, delete)");
                }
            } catch (ActorException e) {
                throw GrpcStatuses.invalid("ERR_MALFORMED_REQUEST", e.getMessage());
            }
        }
        return result;
    }

    /** An upserted value as the JSON text the runtime stores; no value is JSON null, as over HTTP. */
    private static String json(String key, ByteString value) {
        if (value.isEmpty()) {
            return "null";
        }
        try {
            return JsonText.parse(value.toByteArray()).toString();
        } catch (JsonException e) {
            throw GrpcStatuses.invalid("ERR_MALFORMED_REQUEST", "the value of actor state key '" + key
                    + "' is not UTF-8 JSON (" + e.getMessage() + "); actor state is stored as JSON, as the SDKs send it");
        }
    }

    /** Reminder or timer data as Dapr keeps gRPC bytes: a base64 JSON string; none is none. */
    static String data(ByteString data) {
        return data.isEmpty() ? null : Jsonp.createValue(Base64.getEncoder().encodeToString(data.toByteArray())).toString();
    }

    private static String blank(String value) {
        return value.isEmpty() ? null : value;
    }
}
