// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;

/** The span of a schema-first RPC call served here, {@code rpc SERVICE/METHOD}: the child of the HTTP request's span. */
final class RpcTraces {
    private RpcTraces() {}

    static TraceSpan call(Traces traces, String transport, String service, String method) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.start("rpc " + service + "/" + method, SpanKind.INTERNAL).attribute("rpc.system", "capa")
                .attribute("rpc.service", service).attribute("rpc.method", method).attribute("capaee.rpc.transport", transport);
    }
}
