// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.security.Access;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.security.ServletCallers;
import io.capaee.api.state.StateEntry;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.dapr.DaprExceptionMapper;
import io.capaee.proxy.dapr.DirectCalls;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * State gets ({@code GET /v1.0/state/{store}/{key}}) answered from the servlet request, before JAX-RS,
 * with the same answers as {@link StateResource#get} (access level {@code APP}, {@code consistency},
 * 204 when there is no entry, the value and its {@code ETag}, Dapr's error bodies). A profile of
 * {@code bench/state.sh} put JAX-RS's dispatch of a get, with the regular expression of its
 * {@code {key: .+}} template, at a fifth of the get's server CPU time, where the store's read is one
 * Redis round trip. Every other request, and any path not of that shape (see {@link #target}), goes on
 * to JAX-RS unchanged.
 */
@WebFilter(urlPatterns = "/v1.0/state/*")
public class StateGetFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(StateGetFilter.class.getName());
    private static final String PREFIX = "/v1.0/state/";
    private static final String ROUTE = "/v1.0/state/{store}/{key}";

    @Inject
    transient StateStores stores;

    @Inject
    transient Traces traces;

    private final transient CurrentPolicy access = new CurrentPolicy();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String[] target = "GET".equals(request.getMethod()) && !DirectCalls.forJaxRs(request, path) ? target(path) : null;
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        if (ServletCallers.refuse(access.get(), Access.APP, request, response, "gateway")) {
            return;
        }
        TraceSpan span = DirectCalls.serverSpan(traces, request, ROUTE);
        try (span; Scope entered = span.enter()) {
            StateEntry entry;
            try {
                entry = get(target[0], target[1], request.getParameter("consistency"));
            } catch (DaprException e) {
                span.httpStatus(e.status());
                DaprExceptionMapper.write(e, request.getHeader("User-Agent"), response);
                return;
            }
            if (entry == null) {
                span.httpStatus(204);
                response.setStatus(204);
                return;
            }
            span.httpStatus(200);
            byte[] body = entry.value().getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON);
            response.setHeader("ETag", entry.etag());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private StateEntry get(String store, String key, String consistency) {
        try {
            StateResource.options(null, consistency);
            return stores.read(store, "ERR_STATE_GET", c -> c.get(key).orElse(null));
        } catch (DaprException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a state get failed", e);
            throw new DaprException(500, "ERR_STATE_GET", "the state get failed: " + e.getClass().getSimpleName() + "; see the server log");
        }
    }

    /**
     * {store, key}, percent-decoded as JAX-RS decodes path parameters, when the path is
     * {@code /v1.0/state/{store}/{key}} with a key of one segment or more ({@code /} is allowed in keys)
     * and no empty segment; null otherwise, and for the keys {@code bulk} and {@code transaction}, whose
     * paths are other resources' too, so that JAX-RS answers as it always did.
     */
    static String[] target(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.endsWith("/") || rest.contains("//")) {
            return null;
        }
        String key = rest.substring(slash + 1);
        if (key.equals("bulk") || key.equals("transaction")) {
            return null;
        }
        return new String[] {DirectCalls.decode(rest.substring(0, slash)), DirectCalls.decode(key)};
    }
}
