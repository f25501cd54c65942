// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.function.UnaryOperator;

/**
 * What a rule looks at in a request: the host (without port), the method, the path (still
 * percent-encoded, from the context root) and its headers (case-insensitive names; null when absent).
 */
public record RequestView(String host, String method, String path, UnaryOperator<String> header) {
    /** The host part of a {@code Host} header or URI authority: no port, lower case; "" for none. */
    public static String hostOf(String authority) {
        if (authority == null) {
            return "";
        }
        String h = authority.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h.toLowerCase(java.util.Locale.ROOT) : h.substring(0, close + 1).toLowerCase(java.util.Locale.ROOT);
        }
        int colon = h.indexOf(':');
        return (colon < 0 ? h : h.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
    }
}
