// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.invoke.AppIdHeaderFilter;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.net.PercentCodec;

/**
 * What the servlet filters that answer the hottest Dapr API calls before JAX-RS (actor method calls,
 * state gets) do in place of JAX-RS's providers, so that their answers are JAX-RS's: which requests
 * they must leave to JAX-RS, their path segments decoded as path parameters are, and the server span.
 */
public final class DirectCalls {
    private DirectCalls() {}

    /**
     * Whether JAX-RS must answer this request even when its path is one the filter answers: a
     * matrix parameter, or a {@code dapr-app-id} header or credentials, which make it a service
     * invocation ({@link AppIdHeaderFilter}).
     */
    public static boolean forJaxRs(HttpServletRequest request, String path) {
        return forJaxRs(path, request.getHeader("dapr-app-id"), request.getHeader("Authorization"));
    }

    static boolean forJaxRs(String path, String appIdHeader, String authorization) {
        return path.indexOf(';') >= 0 || AppIdHeaderFilter.namesAnApp(appIdHeader, authorization);
    }

    /** A path segment percent-decoded as JAX-RS decodes a path parameter. */
    public static String decode(String segment) {
        return segment.indexOf('%') < 0 ? segment : PercentCodec.decode(segment, StandardCharsets.UTF_8);
    }

    /**
     * The server span JAX-RS's tracing would have made for {@code route}, not yet current (a call
     * answered later on another thread enters it there): the work's spans are its children, as a
     * caller's trace expects.
     */
    public static TraceSpan serverSpan(Traces traces, HttpServletRequest request, String route) {
        return traces.openFrom(request.getMethod() + " " + route, SpanKind.SERVER, request::getHeader)
                .attribute("http.request.method", request.getMethod()).attribute("http.route", route)
                .attribute("url.path", request.getRequestURI());
    }
}
