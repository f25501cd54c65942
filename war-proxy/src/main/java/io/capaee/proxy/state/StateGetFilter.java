// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.http.ServletReplies;
import io.capaee.api.state.StateEntry;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.proxy.dapr.DirectCallFilter;
import io.capaee.proxy.dapr.DirectCalls;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * State gets ({@code GET /v1.0/state/{store}/{key}}) answered from the servlet request, before JAX-RS,
 * with the same answers as {@link StateResource#get} (the body limit, access level {@code APP},
 * {@code consistency}, 204 when there is no entry, the value and its {@code ETag}, Dapr's error bodies,
 * the fallback problem detail for the unexpected). JAX-RS's dispatch of a get (RESTEasy does not cache a
 * match with path parameters, and the get's {@code {key: .+}} template is a regular expression) was two
 * fifths of the get's server CPU time in {@code bench/state.sh} (129 µs a get, 79 µs once this filter
 * answered it, as much as a plain resource making the same Redis call).
 * Every other request, any path not of that shape (see {@link #target}) and any query that is not plain
 * ({@link DirectCalls#plainQuery}) goes on to JAX-RS unchanged.
 */
@WebFilter(urlPatterns = "/v1.0/state/*", asyncSupported = true)
public class StateGetFilter extends DirectCallFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(StateGetFilter.class.getName());
    private static final String PREFIX = "/v1.0/state/";
    private static final String ROUTE = "/v1.0/state/{store}/{key}";

    @Inject
    transient StateStores stores;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        String[] target = "GET".equals(request.getMethod()) && DirectCalls.plainQuery(query) && !DirectCalls.forJaxRs(request, path)
                ? target(path) : null;
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        if (refused(request, response)) {
            return;
        }
        TraceSpan span = serverSpan(request, ROUTE);
        try (span; Scope entered = span.enter()) {
            StateEntry entry;
            try {
                StateResource.options(null, query == null ? null : request.getParameter("consistency"));
                entry = stores.read(target[0], "ERR_STATE_GET", c -> c.get(target[1]).orElse(null));
            } catch (RuntimeException e) {
                answerFailure(e, span, request.getHeader("User-Agent"), response, LOG);
                return;
            }
            if (entry == null) {
                span.httpStatus(204);
                response.setStatus(204);
                return;
            }
            span.httpStatus(200);
            response.setHeader("ETag", entry.etag());
            ServletReplies.write(response, 200, MediaType.APPLICATION_JSON, entry.value());
        }
    }

    /**
     * {store, key}, percent-decoded as JAX-RS decodes path parameters ({@link DirectCalls#decode}), when
     * the path is {@code /v1.0/state/{store}/{key}} with a key of one segment or more (the resource's
     * template {@code {key: .+}} reads them so) and no empty segment; null otherwise, and for the keys
     * {@code bulk} and {@code transaction}, whose paths are other resources' too, so that JAX-RS answers
     * as it always did.
     */
    static String[] target(String path) {
        return DirectCalls.nameAndRest(path, PREFIX, Set.of(), Set.of("bulk", "transaction"));
    }
}
