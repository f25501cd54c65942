// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import io.capaee.api.wasm.AbiGeneration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Capsule's header/field encoding: {@code Name:Value} items joined by the generation's
 * separator. The host side splits each item at its <em>first</em> colon, so header values with
 * {@code :} (URLs, times) survive on their way out of the guest, which Capsule truncated.
 */
public final class HeaderCodec {
    private final String separator;

    public HeaderCodec(AbiGeneration generation) {
        this.separator = generation.headerSeparator();
    }

    public String encode(Map<String, String> headers) {
        StringJoiner joined = new StringJoiner(separator);
        headers.forEach((name, value) -> joined.add(name + ":" + value));
        return joined.toString();
    }

    /** Decodes items in order; items without a colon (Capsule's {@code empty}) are skipped. */
    public Map<String, String> decode(String encoded) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return headers;
        }
        // indexOf, not a regex split: this runs on every HTTP call's reply
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf(separator, start);
            if (end < 0) {
                end = encoded.length();
            }
            int colon = encoded.indexOf(':', start);
            if (colon > start && colon < end) {
                headers.put(encoded.substring(start, colon).trim(), encoded.substring(colon + 1, end));
            }
            start = end + separator.length();
        }
        return headers;
    }

    /**
     * Go's canonical header name ({@code content-type} to {@code Content-Type}), which is what
     * Capsule guests see because Go canonicalises every request header.
     */
    public static String canonicalName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == ' ' || c > 127) {
                return name; // Go leaves names with spaces or non-ASCII unchanged
            }
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    /** Whether {@code headers} has {@code name}, ignoring case (Capsule needed the exact case). */
    public static String get(Map<String, String> headers, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }
}
