// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.util.Locale;
import java.util.Set;

/** Which headers a proxy must not pass on (RFC 9110 7.6.1), and which the upstream client sets itself. */
final class Headers {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** Set by the upstream client from the request (Host from the upstream URL, as Capsule did). */
    private static final Set<String> CLIENT_OWNED = Set.of("host", "content-length", "expect");

    private Headers() {}

    static boolean forwardRequest(String name, Set<String> connectionListed) {
        String n = name.toLowerCase(Locale.ROOT);
        return !HOP_BY_HOP.contains(n) && !CLIENT_OWNED.contains(n) && !n.startsWith("x-forwarded-")
                && (connectionListed.isEmpty() || !connectionListed.contains(n));
    }

    static boolean forwardResponse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith(":") && !HOP_BY_HOP.contains(n) && !n.equals("content-length");
    }

    /** The header names a {@code Connection} header lists (they are hop-by-hop too). */
    static Set<String> connectionListed(String connection) {
        if (connection == null || connection.isBlank()) {
            return Set.of();
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String token : connection.split(",")) {
            names.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
