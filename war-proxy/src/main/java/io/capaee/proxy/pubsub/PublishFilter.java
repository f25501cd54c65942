// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

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
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Publishes ({@code POST} or {@code PUT /v1.0/publish/{pubsub}/{topic}}) answered from the servlet request,
 * before JAX-RS, with the same answers as {@link PublishResource#publish} (the body limit, access level
 * {@code APP}, {@code metadata.rawPayload}, 204, Dapr's error bodies, the fallback problem detail for the
 * unexpected). JAX-RS's dispatch of a publish (its {@code {topic: .+}} template is a regular expression,
 * and RESTEasy does not cache a match with path parameters) was a fifth of the publish request's server CPU
 * in {@code bench/pubsub.sh}. Bulk publishes, any other path (see {@link #target}) and any query but none or
 * {@code metadata.rawPayload=true|false} go on to JAX-RS unchanged.
 */
@WebFilter(urlPatterns = "/v1.0/publish/*", asyncSupported = true)
public class PublishFilter extends DirectCallFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PublishFilter.class.getName());
    private static final String PREFIX = "/v1.0/publish/";
    private static final String ROUTE = "/v1.0/publish/{pubsub}/{topic}";
    private static final String RAW = "metadata.rawPayload=";

    @Inject
    transient Publisher publisher;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        String query = request.getQueryString();
        String[] target = ("POST".equals(method) || "PUT".equals(method)) && simpleQuery(query) && !DirectCalls.forJaxRs(request, path)
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
            try {
                byte[] body = body(request); // JAX-RS read the entity before the resource read its query
                boolean raw = query != null && Publisher.rawPayload(query.substring(RAW.length()));
                publisher.publish(target[0], target[1], body, request.getHeader("Content-Type"), raw);
            } catch (RuntimeException e) {
                answerFailure(e, span, request.getHeader("User-Agent"), response, LOG);
                return;
            }
            span.httpStatus(204);
            response.setStatus(204);
        }
    }

    /**
     * No query, or only {@code metadata.rawPayload=true} or {@code false} (any case): what this filter reads as
     * JAX-RS would, with no escape or {@code +} to decode and no second value to choose from.
     */
    static boolean simpleQuery(String query) {
        if (query == null) {
            return true;
        }
        if (!query.startsWith(RAW)) {
            return false;
        }
        String value = query.substring(RAW.length()).toLowerCase(Locale.ROOT);
        return value.equals("true") || value.equals("false");
    }

    /**
     * {pubsub, topic}, percent-decoded as JAX-RS decodes path parameters
     * ({@link DirectCalls#decode}), when the path is {@code /v1.0/publish/{pubsub}/{topic}} with a topic of
     * one segment or more (the resource's template {@code {topic: .+}} reads them so, slashes and all) and
     * no empty segment; null otherwise, and for a first segment {@code bulk}, which is the bulk publish's
     * path, so that JAX-RS answers as it always did.
     */
    static String[] target(String path) {
        return DirectCalls.nameAndRest(path, PREFIX, Set.of("bulk"), Set.of());
    }
}
