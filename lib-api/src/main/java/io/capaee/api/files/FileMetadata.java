// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a caller stores with a file besides its bytes: a content type and user metadata. Keys are
 * 1 to 64 characters of {@code a-z 0-9 -} (HTTP sends them as {@code X-Capa-Meta-KEY} headers, whose
 * names have no case), values printable ASCII; all of it at most {@value #MAX_BYTES} bytes, so
 * that it fits a NATS message header and a local file's trailer.
 */
public record FileMetadata(String contentType, Map<String, String> user) {
    public static final String DEFAULT_TYPE = "application/octet-stream";
    public static final int MAX_BYTES = 8192;

    public FileMetadata {
        contentType = contentType == null || contentType.isBlank() ? DEFAULT_TYPE : contentType.strip();
        if (!printableAscii(contentType) || contentType.length() > 255) {
            throw bad("the content type must be at most 255 printable ASCII characters");
        }
        Map<String, String> copy = new TreeMap<>();
        int bytes = contentType.length();
        for (Map.Entry<String, String> e : (user == null ? Map.<String, String>of() : user).entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (key == null || !key.matches("[a-z0-9-]{1,64}")) {
                throw bad("metadata key '" + key + "' must be 1 to 64 characters of a-z, 0-9 and '-'");
            }
            if (!printableAscii(value)) {
                throw bad("metadata value of '" + key + "' must be printable ASCII");
            }
            bytes += key.length() + value.getBytes(StandardCharsets.US_ASCII).length;
            copy.put(key, value);
        }
        if (bytes > MAX_BYTES) {
            throw bad("the content type and metadata are " + bytes + " bytes; at most " + MAX_BYTES);
        }
        user = Map.copyOf(copy);
    }

    /** No metadata, the default content type. */
    public static FileMetadata none() {
        return new FileMetadata(null, Map.of());
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static FileException bad(String message) {
        return new FileException(FileException.Reason.BAD_REQUEST, message);
    }
}
