// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

import java.util.Map;
import java.util.Objects;

/**
 * One output-binding call: the operation (binding specific, e.g. {@code create}), the payload
 * (may be empty, never null) and string metadata (e.g. {@code key}, {@code subject},
 * {@code ttlInSeconds}).
 */
public record BindingRequest(String operation, byte[] data, Map<String, String> metadata) {
    public BindingRequest {
        Objects.requireNonNull(operation, "operation");
        data = data == null ? new byte[0] : data;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The metadata value, or null. */
    public String metadata(String key) {
        return metadata.get(key);
    }
}
