// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.api.http.Problem;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.security.ServletCallers;
import io.capaee.api.traffic.Decision;
import io.capaee.api.traffic.RequestView;
import io.capaee.api.traffic.TrafficRule;
import io.capaee.api.traffic.Upstream;
import io.capaee.proxy.service.ProxyConfig;
import io.capaee.proxy.service.Traffic;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.util.Timeout;

/**
 * Routing rules for any HTTP upstream, in front of everything the gateway WAR serves: a request
 * that a traffic rule matches is forwarded to the upstream the rule's router picks (weights, pin
 * header, breakers), with the rule's timeout and retries (safe methods only), and copied to the
 * rule's mirror when its share says so; every other request goes on to the WAR's own servlets
 * untouched. The WAR's APIs ({@link #RESERVED}) are never routed, so a rule cannot take away the
 * admin API that would remove it. Calls need the level of function calls
 * ({@code capa.security.functions}), as {@code /functions/...} does.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class TrafficFilter implements Filter {
    /** First path segments of the gateway's own APIs: never routed by a rule. */
    static final List<String> RESERVED = List.of("/v1.0", "/v1.0-alpha1", "/memory", "/functions", "/.capa-error", "/dapr");

    @Inject
    Traffic traffic;

    @Inject
    ProxyConfig config;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private ForwardClient client;
    private Mirroring mirroring;
    private final CurrentPolicy access = new CurrentPolicy();

    @Override
    public void init(FilterConfig filterConfig) {
        client = new ForwardClient(config.connectTimeout(), config.responseTimeout(), config.unhealthyFor());
        mirroring = new Mirroring(client, executor);
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (traffic.router().rules().isEmpty() || !(req instanceof HttpServletRequest request)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        if (path.isEmpty()) {
            path = "/";
        }
        if (reserved(path)) {
            chain.doFilter(req, res);
            return;
        }
        String host = request.getHeader("Host");
        RequestView view = new RequestView(RequestView.hostOf(host != null ? host : request.getServerName()), request.getMethod(), path,
                request::getHeader);
        Optional<Decision> routed = traffic.router().route(view);
        if (routed.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        forward(request, response, path, routed.get());
    }

    static boolean reserved(String path) {
        for (String prefix : RESERVED) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, String path, Decision decision) throws IOException {
        TrafficRule rule = decision.rule();
        AccessPolicy policy = access.get();
        if (ServletCallers.refuse(policy, policy.functions(), request, response, "traffic")) {
            return;
        }
        Optional<String> unsafe = PathSegments.problem(path);
        if (unsafe.isPresent()) {
            ServletReplies.write(response, 400, Problem.MEDIA_TYPE, Problem.json(400, "bad-request", "Bad Request",
                    "the request cannot be forwarded: " + unsafe.get()));
            return;
        }
        if (!decision.routable()) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, rule.breaker().openFor().toSeconds())));
            ServletReplies.write(response, 503, Problem.MEDIA_TYPE, Problem.json(503, "traffic-unavailable", "Service Unavailable",
                    "every upstream of traffic rule " + rule.name() + " that may take this request is held off by its circuit breaker"));
            return;
        }
        byte[] body = null;
        boolean mirror = decision.mirrored();
        if (mirror) {
            Optional<byte[]> read = Mirroring.readBody(request);
            if (read == null) {
                mirror = false; // too large to keep for a copy: the primary still gets it, streamed
            } else {
                body = read.orElse(null);
            }
        }
        String rest = rule.restOf(path);
        String prefix = rule.stripPrefix() ? rule.match().pathPrefix() : "";
        if (mirror) {
            mirroring.send(rule, request, rest, body);
        }
        List<String> urls = new ArrayList<>(decision.attempts().size());
        for (Upstream u : decision.attempts()) {
            urls.add(u.url());
        }
        Target target = new Target(rule.name(), decision.chosen().name(), urls, rest, prefix);
        Exchange.AttemptListener listener = (index, status, nanos) -> traffic.router().completed(rule, decision.attempts().get(index), status, nanos);
        Exchange.Options options = new Exchange.Options(rule.timeout() == null ? null : Timeout.of(rule.timeout()), Exchange.SAFE, false,
                body, listener, "traffic rule " + rule.name(), true);
        new Exchange(client, request, response, target, options).run();
    }
}
