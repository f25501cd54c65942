// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The span of a unary call of the Dapr gRPC API, a server span named as OpenTelemetry's gRPC instrumentation names
 * it ({@code dapr.proto.runtime.v1.Dapr/PublishEvent}) that continues the caller's {@code traceparent} metadata
 * header, as Dapr's sidecar does. It is current wherever grpc-java runs the call's handler, so the spans the call
 * makes (a publish, an actor's turn, a binding, a service invocation) are its children. A streaming call (a
 * streaming subscription) gets none: it lasts as long as the subscriber listens, and each delivery on it has a span of
 * its own. Outermost of the interceptors, so a refused call is traced too, with its status.
 */
final class GrpcTraces implements ServerInterceptor {
    private final Traces traces;

    GrpcTraces(Traces traces) {
        this.traces = traces;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        if (!traces.on() || method.getType() != MethodDescriptor.MethodType.UNARY) {
            return next.startCall(call, headers);
        }
        TraceSpan span = traces.open(method.getFullMethodName(), SpanKind.SERVER, TraceContext.extract(name -> header(headers, name)))
                .attribute("rpc.system", "grpc").attribute("rpc.service", method.getServiceName())
                .attribute("rpc.method", method.getBareMethodName());
        AtomicBoolean ended = new AtomicBoolean();
        ServerCall<Q, R> traced = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                span.attribute("rpc.grpc.status_code", status.getCode().value());
                if (!status.isOk()) {
                    span.failed(status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
                }
                try {
                    super.close(status, trailers);
                } finally {
                    end(span, ended);
                }
            }
        };
        ServerCall.Listener<Q> listener;
        try (Scope in = span.enter()) {
            listener = next.startCall(traced, headers);
        }
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                try (Scope in = span.enter()) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                try (Scope in = span.enter()) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onReady() {
                try (Scope in = span.enter()) {
                    super.onReady();
                }
            }

            @Override
            public void onCancel() {
                try (Scope in = span.enter()) {
                    super.onCancel();
                } finally {
                    if (!ended.get()) {
                        span.failed("CANCELLED"); // the caller went away, or its deadline passed, before the answer
                    }
                    end(span, ended);
                }
            }

            @Override
            public void onComplete() {
                try (Scope in = span.enter()) {
                    super.onComplete();
                } finally {
                    end(span, ended);
                }
            }
        };
    }

    private static void end(TraceSpan span, AtomicBoolean ended) {
        if (ended.compareAndSet(false, true)) {
            span.close();
        }
    }

    private static String header(Metadata headers, String name) {
        return headers.get(Metadata.Key.of(name.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER));
    }
}
