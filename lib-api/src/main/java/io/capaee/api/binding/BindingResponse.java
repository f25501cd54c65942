// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

import java.util.Map;

/**
 * What an output binding answered: data ({@code null} when the operation returns none, which the
 * HTTP API turns into 204) and metadata (returned as {@code metadata.<key>} headers over HTTP).
 */
public record BindingResponse(byte[] data, Map<String, String> metadata) {
    public BindingResponse {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A response without data. */
    public static BindingResponse empty(Map<String, String> metadata) {
        return new BindingResponse(null, metadata);
    }

    public boolean hasData() {
        return data != null;
    }
}
