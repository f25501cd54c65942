// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.ByteString;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.proxy.bindings.OutputBindings;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** Output bindings over gRPC. */
final class BindingCalls extends DaprCalls {
    /** Invokes an output binding by name ({@link OutputBindings#invoke} in the server). */
    interface OutputBindingCalls {
        BindingResponse invoke(String name, BindingRequest request);
    }

    private final OutputBindingCalls bindings;

    BindingCalls(OutputBindingCalls bindings) {
        this.bindings = bindings;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getInvokeBindingMethod());
    }

    @Override
    public void invokeBinding(DaprProtos.InvokeBindingRequest request, StreamObserver<DaprProtos.InvokeBindingResponse> out) {
        answer(out, "InvokeBinding", () -> {
            if (request.getOperation().isEmpty()) {
                throw GrpcStatuses.invalid("ERR_INVOKE_OUTPUT_BINDING", "the operation of a call to output binding "
                        + request.getName() + " is empty, e.g. \"create\"");
            }
            BindingResponse result = bindings.invoke(request.getName(),
                    new BindingRequest(request.getOperation(), request.getData().toByteArray(), request.getMetadataMap()));
            // a binding that answers nothing (create, delete) has no data at all
            ByteString data = result.hasData() ? ByteString.copyFrom(result.data()) : ByteString.EMPTY;
            return DaprProtos.InvokeBindingResponse.newBuilder().setData(data).putAllMetadata(result.metadata()).build();
        });
    }
}
