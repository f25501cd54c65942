// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a rule applies: every given condition must hold. {@code host} is exact (case-insensitive)
 * or {@code *.suffix}; {@code pathPrefix} matches whole segments ({@code /shop} matches
 * {@code /shop} and {@code /shop/x}, not {@code /shopping}); {@code methods} empty means any;
 * {@code headers} are exact values.
 *
 * @param host null or blank: any host
 */
public record Match(String host, String pathPrefix, Set<String> methods, Map<String, String> headers) {
    public Match {
        host = host == null || host.isBlank() ? null : host.strip().toLowerCase(Locale.ROOT);
        pathPrefix = pathPrefix == null || pathPrefix.isBlank() ? "/" : pathPrefix.strip();
        if (!pathPrefix.startsWith("/")) {
            throw TrafficException.invalid("the path prefix '" + pathPrefix + "' must start with '/'");
        }
        if (pathPrefix.length() > 1 && pathPrefix.endsWith("/")) {
            pathPrefix = pathPrefix.substring(0, pathPrefix.length() - 1);
        }
        methods = methods == null ? Set.of() : Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public boolean matches(RequestView request) {
        if (host != null && !hostMatches(request.host())) {
            return false;
        }
        if (!methods.isEmpty() && !methods.contains(request.method())) {
            return false;
        }
        if (!prefixMatches(request.path())) {
            return false;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getValue().equals(request.header().apply(h.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code path} is the prefix itself or below it, segment-wise. */
    boolean prefixMatches(String path) {
        if (pathPrefix.equals("/")) {
            return true;
        }
        return path.startsWith(pathPrefix) && (path.length() == pathPrefix.length() || path.charAt(pathPrefix.length()) == '/');
    }

    private boolean hostMatches(String requestHost) {
        String h = requestHost == null ? "" : requestHost;
        if (host.startsWith("*.")) {
            return h.endsWith(host.substring(1)) && h.length() > host.length() - 1;
        }
        return host.equals(h);
    }
}
