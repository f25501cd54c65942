// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as a Capsule function receives it.
 *
 * @param method the request method, upper case
 * @param uri the raw request target as received, e.g. {@code /?name=bob}
 * @param headers request headers, first value of each, in arrival order
 * @param body the request body as text (UTF-8)
 */
public record HttpInvocation(String method, String uri, Map<String, String> headers, String body) {
    public HttpInvocation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(body, "body");
    }
}
