// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.proxy.dapr.DaprException;
import io.dapr.v1.DaprGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One building block's calls of Dapr's gRPC service: it overrides the methods it answers and names them in
 * {@link #methods()}, so that {@link DaprService} can put the service together from one class per building block
 * (the generated base class has every method of the service; the ones a part does not answer stay UNIMPLEMENTED).
 */
abstract class DaprCalls extends DaprGrpc.DaprImplBase {
    private static final Logger LOG = Logger.getLogger(DaprCalls.class.getName());

    /** The methods of {@code dapr.proto.runtime.v1.Dapr} this part answers. */
    abstract List<MethodDescriptor<?, ?>> methods();

    /** Runs one unary call: its answer, or the status of its refusal; never leaves the call open. */
    static <T> void answer(StreamObserver<T> out, String method, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            out.onError(status(method, e));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    /** The status a failed call answers with: a refusal's own, or INTERNAL with the detail in the log. */
    static StatusRuntimeException status(String method, Throwable e) {
        if (e instanceof DaprException d) {
            return GrpcStatuses.of(d);
        }
        if (e instanceof StatusRuntimeException s) {
            return s;
        }
        LOG.log(Level.WARNING, "gRPC call " + method + " failed", e);
        return Status.INTERNAL.withDescription(method + " failed; the server log has the detail").asRuntimeException();
    }
}
