// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import java.util.HashMap;
import java.util.Map;

/**
 * The span of an output binding's invocation, {@code binding NAME} (client), and its context passed on as Dapr does:
 * {@code traceparent} and {@code tracestate} in the request's metadata, which the HTTP, NATS and Kafka bindings send
 * as headers (HTTP headers, NATS message headers, Kafka record headers).
 */
final class BindingTraces {
    private BindingTraces() {}

    static TraceSpan invoke(Traces traces, String name, String operation) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.start("binding " + name, SpanKind.CLIENT).attribute("capaee.binding", name).attribute("capaee.operation", operation);
    }

    /** {@code request} with the span's context in its metadata; as it is when tracing is off. */
    static BindingRequest withContext(TraceSpan span, BindingRequest request) {
        if (span == TraceSpan.NONE) {
            return request;
        }
        Map<String, String> metadata = new HashMap<>(request.metadata());
        metadata.remove(TraceContext.TRACEPARENT);
        metadata.remove(TraceContext.TRACESTATE);
        span.inject(metadata::put);
        return new BindingRequest(request.operation(), request.data(), metadata);
    }
}
