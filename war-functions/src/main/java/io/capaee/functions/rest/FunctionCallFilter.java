// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.security.ServletCallers;
import io.capaee.api.wasm.capsule.HttpReply;
import io.capaee.functions.service.FunctionRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Function calls ({@code /functions/{name}[/{revision}]}, GET, POST, PUT, DELETE, PATCH) answered
 * straight from the servlet request, before JAX-RS. A small function's call costs less than
 * JAX-RS's own dispatch (resource matching, parameter injection, provider lookup, the response
 * builder), and that dispatch was most of what separated a function from a plain resource
 * answering the same bytes (bench/http-hello.sh). Everything else, including HEAD, OPTIONS, the
 * listing and paths of any other shape, goes on to {@link FunctionsResource} unchanged; errors are
 * the same problem details the resource's exception mappers write.
 */
@WebFilter(urlPatterns = "/functions/*", asyncSupported = true)
public class FunctionCallFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "/functions/";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    @Inject
    transient FunctionCaller caller;

    private final transient CurrentPolicy access = new CurrentPolicy();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String info = request.getPathInfo();
        String[] target = METHODS.contains(request.getMethod()) ? target(request.getServletPath() + (info == null ? "" : info)) : null;
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        AccessPolicy policy = access.get();
        if (ServletCallers.refuse(policy, policy.functions(), request, response, "functions")) {
            return;
        }
        HttpReply reply;
        try {
            reply = caller.call(request.getMethod(), target[0], target[1], FunctionCaller.guestUri(request.getQueryString()),
                    firstValues(request), request.getInputStream(), request.getContentLengthLong());
        } catch (RuntimeException e) {
            writeProblem(response, FunctionsExceptionMapper.problem(e));
            return;
        }
        response.setStatus(reply.status());
        reply.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else {
                response.addHeader(name, value);
            }
        });
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * {name, revision} when the path is exactly what {@link FunctionsResource}'s template matches
     * ({@code /functions/{name}} or {@code /functions/{name}/{revision}}, no empty segment, no
     * path parameter); null otherwise, so that JAX-RS answers as it always did.
     */
    static String[] target(String path) {
        if (!path.startsWith(PREFIX) || path.indexOf(';') >= 0) {
            return null;
        }
        int nameEnd = path.indexOf('/', PREFIX.length());
        if (nameEnd < 0) {
            return path.length() > PREFIX.length() ? new String[] {path.substring(PREFIX.length()), FunctionRegistry.DEFAULT_REVISION} : null;
        }
        if (nameEnd == PREFIX.length() || nameEnd == path.length() - 1 || path.indexOf('/', nameEnd + 1) >= 0) {
            return null;
        }
        return new String[] {path.substring(PREFIX.length(), nameEnd), path.substring(nameEnd + 1)};
    }

    private static Map<String, String> firstValues(HttpServletRequest request) {
        Map<String, String> first = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String value = request.getHeader(name);
            if (value != null) {
                first.putIfAbsent(name, value);
            }
        }
        return first;
    }

    private void writeProblem(HttpServletResponse response, Problem problem) throws IOException {
        ServletReplies.write(response, problem.status(), Problem.MEDIA_TYPE, problem.jsonByName());
    }
}
