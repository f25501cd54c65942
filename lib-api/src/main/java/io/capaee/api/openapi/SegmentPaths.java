// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * Gives each path parameter a segment of its own. A JAX-RS parameter whose regular expression takes the
 * slash before it ({@code method{method: (/.*)?}}, how service invocation accepts {@code /method} and
 * {@code /method/a/b} alike) reaches the generated document as {@code method{method}}, which no OpenAPI
 * reader can match; written {@code method/{method}}, it says what a caller sends.
 */
final class SegmentPaths {
    /** A parameter straight after a literal character, not after a slash. */
    private static final Pattern JOINED = Pattern.compile("(?<=[^/])\\{");

    private SegmentPaths() {}

    static void separate(Paths paths) {
        Map<String, PathItem> items = paths.getPathItems();
        if (items == null || items.keySet().stream().noneMatch(path -> JOINED.matcher(path).find())) {
            return;
        }
        Map<String, PathItem> separated = new LinkedHashMap<>();
        items.forEach((path, item) -> separated.put(JOINED.matcher(path).replaceAll("/{"), item));
        paths.setPathItems(separated);
    }
}
