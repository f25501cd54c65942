// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Interception of an application's own outbound JAX-RS and MicroProfile Rest Client calls, with no
 * proxy in between: a call to a logical name ({@code http://orders/api/x}) that a traffic rule
 * matches (the rule's {@code host} is the name) is sent straight to the upstream the rule picks
 * (weights, pin header, breakers), and its outcome counts in the same statistics and metrics as the
 * proxy's. A call that no rule matches goes out unchanged. Retries, per-route timeouts and
 * mirroring are the proxy's (a client filter can rewrite a request, not repeat or copy it); a call
 * that finds every breaker open is answered 503 here without leaving the application.
 *
 * <p>Register it on a {@code Client} ({@code client.register(filter)}) or a Rest Client builder;
 * one instance serves every call (thread-safe).
 */
public final class TrafficClientFilter implements ClientRequestFilter, ClientResponseFilter {
    private static final String DECISION = TrafficClientFilter.class.getName() + ".decision";
    private static final String STARTED = TrafficClientFilter.class.getName() + ".started";

    private final Router router;

    public TrafficClientFilter(Router router) {
        this.router = router;
    }

    @Override
    public void filter(ClientRequestContext request) {
        URI uri = request.getUri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        RequestView view = new RequestView(RequestView.hostOf(uri.getHost()), request.getMethod(), path,
                name -> request.getHeaderString(name));
        Optional<Decision> routed = router.route(view);
        if (routed.isEmpty()) {
            return;
        }
        Decision d = routed.get();
        if (!d.routable()) {
            request.abortWith(Response.status(503).type("application/problem+json")
                    .entity("{\"type\":\"urn:capa-ee:problem:traffic-unavailable\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"every upstream of traffic rule " + d.rule().name() + " is held off by its circuit breaker\"}")
                    .build());
            return;
        }
        Upstream u = d.chosen();
        String base = u.url().endsWith("/") ? u.url().substring(0, u.url().length() - 1) : u.url();
        String rest = d.rule().restOf(path);
        String target = base + (rest.isEmpty() ? "/" : rest) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        request.setUri(URI.create(target));
        request.setProperty(DECISION, d);
        request.setProperty(STARTED, router.nanoTime());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        Object d = request.getProperty(DECISION);
        Object started = request.getProperty(STARTED);
        if (d instanceof Decision decision && started instanceof Long from) {
            router.completed(decision.rule(), decision.chosen(), response.getStatus(), router.nanoTime() - from);
        }
    }
}
