// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.net.URI;
import java.util.Locale;
import org.apache.hc.core5.http.HttpHost;

/**
 * Where one upstream base URL lives: scheme, host and port (the key of its connection pool), and
 * how many characters of the base URL ({@code scheme://authority}) precede the request target.
 * Parsed once per base URL ({@link ForwardClient#origin}), not per request.
 *
 * @param host with the port as written in the base URL (none: none), for the {@code Host} header, as Capsule sent it
 */
record Origin(HttpHost host, String address, int port, boolean tls, String poolKey, int prefixLength) {
    /** @throws IllegalArgumentException when {@code base} is not an absolute http(s) URL with a host */
    static Origin parse(String base) {
        URI uri = URI.create(base);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("upstream URL " + base + " is not http or https");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("upstream URL " + base + " has no host");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String address = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int authorityEnd = base.indexOf('/', base.indexOf("//") + 2);
        return new Origin(new HttpHost(scheme, address, uri.getPort()), address, port, tls,
                scheme + "://" + address + ":" + port, authorityEnd < 0 ? base.length() : authorityEnd);
    }

    /**
     * The request target (path and query) within {@code url}, an upstream URL made from this
     * origin's base ({@link Target#upstreamUrl}).
     *
     * @throws IllegalArgumentException when it holds a character a URL may not hold
     */
    String requestTarget(String url) {
        String target = url.substring(prefixLength);
        if (target.isEmpty()) {
            return "/";
        }
        for (int i = 0; i < target.length(); i++) {
            if (!plain(target.charAt(i))) {
                URI.create(url); // the rare case: the URI parser's rules and message decide
                break;
            }
        }
        return target;
    }

    /** RFC 3986 characters of a path and query: unreserved, sub-delims, ':', '@', '/', '?', '%'. */
    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
    }
}
