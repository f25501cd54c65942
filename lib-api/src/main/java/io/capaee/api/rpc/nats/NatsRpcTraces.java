// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.nats;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import java.util.HashMap;
import java.util.Map;

/**
 * The spans of RPC over NATS, {@code rpc SERVICE/METHOD} (a capability's calls: {@code rpc INTERFACE/METHOD}): a client
 * span around the request, whose context goes in the request's NATS headers ({@code traceparent}, {@code tracestate}),
 * and a server span around the answer, continuing them, current while the implementation runs.
 */
final class NatsRpcTraces {
    private NatsRpcTraces() {}

    static TraceSpan client(Traces traces, String service, String method) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return attributes(traces.start(name(service, method), SpanKind.CLIENT), service, method);
    }

    /** {@code headers} with the span's context; as they are when tracing is off. */
    static Map<String, String> withContext(TraceSpan span, Map<String, String> headers) {
        if (span == TraceSpan.NONE) {
            return headers;
        }
        Map<String, String> out = new HashMap<>(headers);
        span.inject(out::put);
        return out;
    }

    /** The answer to {@code request}, continuing the caller's context from its headers; enter it where the call runs. */
    static TraceSpan server(Traces traces, String service, String method, MessageBus.Message request) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return attributes(traces.open(name(service, method), SpanKind.SERVER, TraceContext.extract(request::header)), service, method);
    }

    private static String name(String service, String method) {
        return "rpc " + service + "/" + method;
    }

    private static TraceSpan attributes(TraceSpan span, String service, String method) {
        return span.attribute("rpc.system", "capa").attribute("rpc.service", service).attribute("rpc.method", method)
                .attribute("capaee.rpc.transport", "nats");
    }
}
