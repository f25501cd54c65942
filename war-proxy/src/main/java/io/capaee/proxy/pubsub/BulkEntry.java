// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import java.util.Objects;

/** One message of a bulk publish: the caller's id for it, its bytes, and their content type (blank: text/plain). */
public record BulkEntry(String entryId, byte[] event, String contentType) {
    public BulkEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(event, "event");
    }
}
