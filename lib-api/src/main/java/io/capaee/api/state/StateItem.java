// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import java.util.Map;
import java.util.Objects;

/**
 * One entry to write: {@code value} is a JSON text ({@code null} for a delete operation),
 * {@code etag} may be null, {@code metadata} carries e.g. {@code ttlInSeconds}.
 */
public record StateItem(String key, String value, String etag, Map<String, String> metadata, StateOptions options) {
    public StateItem {
        Objects.requireNonNull(key, "key");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        options = options == null ? StateOptions.DEFAULT : options;
    }

    /** A last-write-wins upsert without metadata. */
    public static StateItem of(String key, String jsonValue) {
        return new StateItem(key, jsonValue, null, Map.of(), StateOptions.DEFAULT);
    }
}
