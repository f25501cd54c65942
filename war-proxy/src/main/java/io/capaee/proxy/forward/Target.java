// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.api.routes.RouteTable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@code /functions/...} request goes: the function, the revision, its upstream URLs,
 * and the rest of the path (still percent-encoded) to append to an upstream's base URL.
 *
 * <p>Disambiguation of {@code /functions/f/x/...}: {@code x} is a revision when function
 * {@code f} has a revision named {@code x}; otherwise {@code /x/...} is the rest of the path
 * of the {@code default} revision. So a revision shadows a first path segment of the same name.
 */
record Target(String function, String revision, List<String> urls, String rest, String prefix) {
    /**
     * @param path the request path after {@code /functions}, percent-encoded ({@code /f/r/a/b})
     * @return empty when the function, or the revision it resolves to, is unknown
     */
    static Optional<Target> resolve(Map<String, Map<String, List<String>>> routes, String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String function = decode(end < 0 ? path.substring(start) : path.substring(start, end));
        Map<String, List<String>> revisions = routes.get(function);
        if (revisions == null) {
            return Optional.empty();
        }
        String afterFunction = end < 0 ? "" : path.substring(end);
        if (afterFunction.length() > 1) {
            int next = afterFunction.indexOf('/', 1);
            String candidate = decode(next < 0 ? afterFunction.substring(1) : afterFunction.substring(1, next));
            List<String> urls = revisions.get(candidate);
            if (urls != null) {
                String rest = next < 0 ? "" : afterFunction.substring(next);
                return Optional.of(new Target(function, candidate, urls, rest,
                        "/functions" + path.substring(0, path.length() - rest.length())));
            }
        }
        List<String> urls = revisions.get(RouteTable.DEFAULT_REVISION);
        return urls == null ? Optional.empty()
                : Optional.of(new Target(function, RouteTable.DEFAULT_REVISION, urls, afterFunction,
                        "/functions" + path.substring(0, path.length() - afterFunction.length())));
    }

    /** The upstream URL for base {@code base}: base without its trailing '/', the rest, the query. */
    String upstreamUrl(String base, String query) {
        StringBuilder url = new StringBuilder(base.length() + rest.length() + 16);
        url.append(base, 0, base.endsWith("/") ? base.length() - 1 : base.length());
        if (!rest.isEmpty()) {
            url.append(rest);
        } else if (base.indexOf('/', base.indexOf("//") + 2) < 0 || base.endsWith("/")) {
            url.append('/'); // a bare host: ask for its root, as Capsule did
        }
        if (query != null) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    private static String decode(String segment) {
        return segment.indexOf('%') < 0 ? segment : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
