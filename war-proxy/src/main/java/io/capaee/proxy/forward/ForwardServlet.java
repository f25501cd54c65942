// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.api.http.Problem;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.routes.RouteException;
import io.capaee.api.routes.RouteTable;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.security.ServletCallers;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.rest.CapsuleJson;
import io.capaee.proxy.service.ProxyConfig;
import io.capaee.api.metrics.ProxyMetrics;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /functions/{f}[/{r}][/rest]}, any method: resolves the route from the local copy of the
 * route table (no store round-trip) and forwards it with an {@link Exchange}, synchronously on
 * this container thread (see {@link ForwardClient} for why). Unknown function or revision: Capsule's 500
 * ("Houston") body, kept for conformance (spec 11), although a 404 would be more correct.
 */
@WebServlet(urlPatterns = "/functions/*", asyncSupported = true, loadOnStartup = 1)
public class ForwardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int PREFIX = "/functions".length();

    @Inject
    transient RouteTable routes;

    @Inject
    transient ProxyConfig config;

    @Inject
    transient Traces traces;

    @Inject
    transient MetricRegistry registry;

    private transient ForwardClient client;
    private transient ProxyMetrics metrics;
    private final transient CurrentPolicy access = new CurrentPolicy();

    @Override
    public void init() {
        client = new ForwardClient(config.connectTimeout(), config.responseTimeout(), config.unhealthyFor());
        ForwardClient forward = client;
        metrics = new ProxyMetrics(registry, () -> forward.upstreams().unhealthy());
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        int from = request.getContextPath().length() + PREFIX;
        String path = uri.length() > from ? uri.substring(from) : "";
        if (path.length() <= 1) {
            ServletReplies.write(response, 404, CapsuleJson.MEDIA_TYPE, CapsuleJson.PAGE_NOT_FOUND);
            return;
        }
        Optional<String> unsafe = PathSegments.problem(path);
        if (unsafe.isPresent()) {
            ServletReplies.write(response, 400, Problem.MEDIA_TYPE, Problem.json(400, "bad-request", "Bad Request",
                    "the request cannot be forwarded: " + unsafe.get()));
            return;
        }
        AccessPolicy policy = access.get();
        if (ServletCallers.refuse(policy, policy.functions(), request, response, "reverse-proxy")) {
            return;
        }
        Map<String, Map<String, List<String>>> table;
        try {
            table = routes.snapshot();
        } catch (RouteException e) {
            ServletReplies.write(response, 503, Problem.MEDIA_TYPE, Problem.json(503, "route-store", "Route store unavailable", e.getMessage()));
            return;
        }
        Optional<Target> target = Target.resolve(table, path);
        if (target.isEmpty() || (target.get().revision().equals(RouteTable.DEFAULT_REVISION) && !target.get().rest().isEmpty())) {
            // Unknown, or maybe a revision added since the local copy was read (a worker deploy
            // elsewhere in this server): look at a freshly read table before deciding.
            try {
                target = Target.resolve(routes.snapshotAfterMiss(), path);
            } catch (RouteException e) {
                ServletReplies.write(response, 503, Problem.MEDIA_TYPE, Problem.json(503, "route-store", "Route store unavailable", e.getMessage()));
                return;
            }
        }
        if (target.isEmpty()) {
            ServletReplies.write(response, 500, CapsuleJson.MEDIA_TYPE, CapsuleJson.HOUSTON);
            return;
        }
        if (target.get().urls().isEmpty()) {
            Target t = target.get();
            ServletReplies.write(response, 502, Problem.MEDIA_TYPE, Problem.json(502, "bad-gateway", "Bad Gateway",
                    "revision " + t.revision() + " of function " + t.function() + " has no upstream URL"));
            return;
        }
        long start = System.nanoTime();
        try (TraceSpan span = ProxyTraces.forward(traces, request, target.get())) {
            new Exchange(client, request, response, target.get()).run();
            span.httpStatus(response.getStatus());
        }
        metrics.forwarded(target.get().function(), target.get().revision(), response.getStatus(), System.nanoTime() - start);
    }
}
