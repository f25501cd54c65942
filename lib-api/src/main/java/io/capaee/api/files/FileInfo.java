// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a store knows of a file: its name, size in bytes, when it was last written, the SHA-256 of
 * its content (lower-case hex), its content type and the user metadata it was stored with.
 */
public record FileInfo(String name, long size, Instant lastModified, String sha256, String contentType,
        Map<String, String> metadata) {
    public FileInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        contentType = contentType == null || contentType.isBlank() ? FileMetadata.DEFAULT_TYPE : contentType;
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }
}
