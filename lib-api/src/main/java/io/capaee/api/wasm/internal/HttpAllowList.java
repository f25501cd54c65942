// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The URL prefixes a function's {@code hostHttp} may call. Capsule allowed any URL (spec S3,
 * server-side request forgery); the default here is none. Entries are URL prefixes compared on
 * scheme, host, port and path ({@code http://127.0.0.1:8080/api}), or {@code *} for any URL.
 * Redirects are not followed, so an allowed host cannot bounce a call to one that is not.
 */
final class HttpAllowList {
    private final List<String> entries;

    HttpAllowList(List<String> entries) {
        this.entries = entries.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    boolean allows(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        String normalised = normalise(uri);
        for (String entry : entries) {
            if (entry.equals("*")) {
                return true;
            }
            String prefix = normalise(URI.create(entry));
            if (normalised.equals(prefix) || normalised.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port + path(uri);
    }

    /**
     * The path percent-decoded, then with its dot segments resolved. Comparing the raw path let
     * {@code /api/%2e%2e/admin} or {@code /api/..%2fadmin} pass an {@code /api} prefix, yet servers
     * such as Go's net/http decode the path before they resolve {@code ..} (spec S2).
     */
    private static String path(URI uri) {
        String decoded = uri.getPath();
        if (decoded == null || decoded.isEmpty()) {
            return "/";
        }
        try {
            return new URI(null, null, decoded, null).normalize().getRawPath();
        } catch (java.net.URISyntaxException e) {
            return "/\0invalid"; // matches no prefix that a URI can spell
        }
    }
}
