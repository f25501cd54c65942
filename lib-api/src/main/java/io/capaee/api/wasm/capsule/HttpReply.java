// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import java.util.Map;
import java.util.Objects;

/**
 * What a Capsule function answered, mapped to HTTP by Capsule's rules.
 *
 * @param status 200, or 500 when the guest returned an error or malformed JSON
 * @param headers response headers the guest set (always with a Content-Type)
 * @param body the response body text
 */
public record HttpReply(int status, Map<String, String> headers, String body) {
    public HttpReply {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(body, "body");
    }

    public String contentType() {
        return HeaderCodec.get(headers, "Content-Type");
    }
}
