// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.Empty;
import io.capaee.proxy.shutdown.ServerShutdown;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** Dapr's {@code Shutdown} over gRPC: the HTTP API's rule ({@link ServerShutdown}): refused unless allowed. */
final class ShutdownCalls extends DaprCalls {
    private final ServerShutdown shutdown;

    ShutdownCalls(ServerShutdown shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getShutdownMethod());
    }

    @Override
    public void shutdown(DaprProtos.ShutdownRequest request, StreamObserver<Empty> out) {
        answer(out, "Shutdown", () -> {
            shutdown.request("gRPC Shutdown");
            return Empty.getDefaultInstance();
        });
    }
}
