// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.http.LimitedInputStream;
import io.capaee.api.security.Access;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.security.ServletCallers;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import jakarta.inject.Inject;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A servlet filter that answers one hot Dapr API call before JAX-RS ({@link DirectCalls}): the checks
 * JAX-RS's providers made before the resource, in their order, and the server span.
 */
public abstract class DirectCallFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Traces traces;

    private final transient CurrentPolicy access = new CurrentPolicy();
    private long maxBodyBytes;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        maxBodyBytes = ConfigProvider.getConfig().getValue("capa.dapr.max-body-bytes", Long.class);
    }

    /** {@code capa.dapr.max-body-bytes}. */
    protected long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Answers as {@link BodyLimitFilter} and the gateway's access filter would, in their order: 413 for a
     * declared body over the limit, then 401/403 for a caller below access level {@code APP}.
     *
     * @return whether it answered
     */
    protected boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return DirectCalls.refuseDeclaredBody(request, response, maxBodyBytes)
                || ServletCallers.refuse(access.get(), Access.APP, request, response, "gateway");
    }

    /**
     * The request's body, at most {@code capa.dapr.max-body-bytes} (a chunked one is counted as it comes):
     * beyond, the {@link BodyLimitFilter}'s 413 as a {@link DaprException}.
     */
    protected byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = new LimitedInputStream(request.getInputStream(), maxBodyBytes,
                () -> BodyLimitFilter.tooLarge(maxBodyBytes))) {
            return in.readAllBytes();
        }
    }

    /**
     * Answers a call that failed as JAX-RS's mappers would: Dapr's error body for a {@link DaprException},
     * the fallback problem detail for anything else (logged to {@code log}), with the span told.
     */
    protected static void answerFailure(RuntimeException e, TraceSpan span, String userAgent,
            HttpServletResponse response, Logger log) throws IOException {
        if (e instanceof DaprException dapr) {
            span.httpStatus(dapr.status());
            DaprExceptionMapper.write(dapr, userAgent, response);
            return;
        }
        span.failed(e);
        span.httpStatus(500);
        DirectCalls.unexpected(e, log, response);
    }

    /** The server span of {@code route} ({@link DirectCalls#serverSpan}). */
    protected TraceSpan serverSpan(HttpServletRequest request, String route) {
        return DirectCalls.serverSpan(traces, request, route);
    }
}
