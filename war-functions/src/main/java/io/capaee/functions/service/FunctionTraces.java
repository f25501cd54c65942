// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.api.wasm.HostServices;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.util.Map;

/**
 * The spans of functions: {@code function NAME} for one call (the child of the JAX-RS request's span, or, on the
 * servlet fast path, of the caller's {@code traceparent}), with an event {@code host HOSTFUNCTION} for each host
 * function the guest calls during it.
 */
public final class FunctionTraces {
    private static final AttributeKey<String> HOST_FUNCTION = AttributeKey.stringKey("capaee.host_function");

    private FunctionTraces() {}

    /** @param headers the request's headers, first value of each, names in any case */
    public static TraceSpan call(Traces traces, String method, String name, String revision, Map<String, String> headers) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.startFrom("function " + name, SpanKind.SERVER, header -> value(headers, header))
                .attribute("capaee.function", name).attribute("capaee.revision", revision).attribute("http.request.method", method);
    }

    /** Host calls as events on the current span; nothing when tracing is off. */
    public static HostServices.HostCallListener hostCalls(Traces traces) {
        if (!traces.on()) {
            return (function, hostFunction) -> {};
        }
        return (function, hostFunction) -> Span.current().addEvent("host " + hostFunction, Attributes.of(HOST_FUNCTION, hostFunction));
    }

    private static String value(Map<String, String> headers, String name) {
        String v = headers.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
