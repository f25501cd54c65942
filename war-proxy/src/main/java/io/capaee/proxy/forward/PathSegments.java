// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks a raw (percent-encoded) request path before any part of it is appended to an upstream's
 * base URL. A segment that is {@code .} or {@code ..} once decoded ({@code %2e%2e}, {@code %2E.},
 * {@code .%2e}...) would let the caller climb above the upstream's base path, and so would an
 * encoded slash or backslash inside a segment ({@code ..%2f..}), which the upstream may decode
 * into a separator; an encoded percent sign before those ({@code %252e}) is refused too, for
 * upstreams that decode twice. Such a path is refused, never rewritten: a proxy that resolves
 * dot segments differently from its upstream is how these attacks work.
 */
public final class PathSegments {
    private PathSegments() {
    }

    /** Why {@code rawPath} must not be forwarded, or empty when it is safe to append. */
    public static Optional<String> problem(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.contains("%2f") || lower.contains("%5c") || segment.indexOf('\\') >= 0) {
                return Optional.of("the path segment '" + segment + "' holds an encoded '/' or a '\\'");
            }
            if (lower.contains("%25") && (lower.contains("%252e") || lower.contains("%252f") || lower.contains("%255c"))) {
                return Optional.of("the path segment '" + segment + "' holds a doubly encoded '.', '/' or '\\'");
            }
            if (lower.contains("%00")) {
                return Optional.of("the path segment '" + segment + "' holds an encoded NUL");
            }
            String decoded = lower.replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return Optional.of("the path segment '" + segment + "' is a dot segment ('.' or '..'), which could"
                        + " reach outside the upstream's base path");
            }
        }
        return Optional.empty();
    }
}
