// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The span of a service invocation, {@code invoke APPID} (client): the child of the request that asked for it, and
 * the parent of what the app does, because the request to the app (HTTP headers, or gRPC metadata for a gRPC app)
 * carries the span's {@code traceparent} in place of the caller's.
 */
final class InvokeTraces {
    private InvokeTraces() {}

    static TraceSpan invoke(Traces traces, String appId, String httpMethod, String methodPath) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.start("invoke " + appId, SpanKind.CLIENT).attribute("capaee.app_id", appId)
                .attribute("http.request.method", httpMethod).attribute("capaee.method", methodPath);
    }

    /** {@code headers} with the current span's context in place of the caller's; as they are when tracing is off. */
    static Map<String, List<String>> headers(Traces traces, Map<String, List<String>> headers) {
        if (!traces.on()) {
            return headers;
        }
        Map<String, List<String>> out = new LinkedHashMap<>(headers);
        out.keySet().removeIf(k -> k.equalsIgnoreCase(TraceContext.TRACEPARENT) || k.equalsIgnoreCase(TraceContext.TRACESTATE));
        TraceContext.injectCurrent((k, v) -> out.put(k, List.of(v)));
        return out;
    }
}
