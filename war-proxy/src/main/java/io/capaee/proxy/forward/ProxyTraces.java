// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The span of a reverse-proxy request, {@code proxy FUNCTION} (server): it continues the caller's
 * {@code traceparent}, and while it is open the upstream request carries the span's own context (the
 * {@link Exchange} sets {@code traceparent} on it), so the function's spans are its children.
 */
final class ProxyTraces {
    private ProxyTraces() {}

    static TraceSpan forward(Traces traces, HttpServletRequest request, Target target) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.startFrom("proxy " + target.function(), SpanKind.SERVER, request::getHeader)
                .attribute("http.request.method", request.getMethod()).attribute("url.path", request.getRequestURI())
                .attribute("capaee.function", target.function()).attribute("capaee.revision", target.revision())
                .attribute("capaee.upstreams", target.urls().size());
    }
}
