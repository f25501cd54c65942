// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.grpc;

import com.google.protobuf.ByteString;
import io.capaee.bench.load.Load;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The measured calls over Dapr's gRPC API ({@code dapr.proto.runtime.v1.Dapr}): grpc-java blocking stubs of
 * {@code dapr-sdk-autogen} on one plaintext channel, one HTTP/2 connection that every request in flight shares, as a
 * Dapr SDK's client holds it. Messages are built once per key. A call fails with its status (grpc-java throws); an
 * answer other than the expected one throws too.
 */
final class GrpcDapr implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;
    private static final ByteString VALUE = ByteString.copyFromUtf8(Operation.VALUE);
    private final ManagedChannel channel;
    private final DaprGrpc.DaprBlockingStub stub;
    private final DaprProtos.GetStateRequest[] gets = new DaprProtos.GetStateRequest[Operation.SPREAD];
    private final DaprProtos.SaveStateRequest[] saves = new DaprProtos.SaveStateRequest[Operation.SPREAD];
    private final DaprProtos.InvokeActorRequest[] invokes = new DaprProtos.InvokeActorRequest[Operation.SPREAD];

    GrpcDapr(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = DaprGrpc.newBlockingStub(channel);
        ByteString add = ByteString.copyFromUtf8(Operation.ADD);
        for (int n = 0; n < Operation.SPREAD; n++) {
            String key = Operation.key(n);
            gets[n] = DaprProtos.GetStateRequest.newBuilder().setStoreName(Operation.STORE).setKey(key).build();
            saves[n] = DaprProtos.SaveStateRequest.newBuilder().setStoreName(Operation.STORE)
                    .addStates(CommonProtos.StateItem.newBuilder().setKey(key).setValue(VALUE)).build();
            invokes[n] = DaprProtos.InvokeActorRequest.newBuilder().setActorType(Operation.ACTOR_TYPE).setActorId(key)
                    .setMethod(Operation.ACTOR_METHOD).setData(add).build();
        }
    }

    Load.Call call(Operation operation) {
        return switch (operation) {
            case STATE_GET -> n -> {
                ByteString data = stub().getState(gets[n % Operation.SPREAD]).getData();
                if (!data.equals(VALUE)) {
                    throw new IOException("GetState " + Operation.key(n) + " answered '" + data.toStringUtf8() + "'");
                }
            };
            case STATE_SAVE -> n -> stub().saveState(saves[n % Operation.SPREAD]);
            case ACTOR_INVOKE -> this::invoke;
        };
    }

    /** The value stored under a key, read over gRPC (the cross-check before measuring). */
    String get(String key) {
        return stub().getState(DaprProtos.GetStateRequest.newBuilder().setStoreName(Operation.STORE).setKey(key).build()).getData().toStringUtf8();
    }

    /** The actor's answer to one more {@code add}. */
    String invoke(int n) throws IOException {
        ByteString data = stub().invokeActor(invokes[n % Operation.SPREAD]).getData();
        if (data.isEmpty()) {
            throw new IOException("InvokeActor " + Operation.key(n) + " answered nothing");
        }
        return data.toStringUtf8();
    }

    /** The stub with a deadline for the next call (a deadline is fixed when the stub is made). */
    private DaprGrpc.DaprBlockingStub stub() {
        return stub.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
