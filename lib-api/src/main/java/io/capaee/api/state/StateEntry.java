// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import java.util.Objects;

/** A stored entry: the application's key, the JSON text saved, and the entry's current ETag. */
public record StateEntry(String key, String value, String etag) {
    public StateEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(etag, "etag");
    }
}
