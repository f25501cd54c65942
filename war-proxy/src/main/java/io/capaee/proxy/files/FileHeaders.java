// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.files;

import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileMetadata;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's metadata as HTTP headers, both ways: {@code Content-Type}; user metadata as
 * {@code X-Capa-Meta-KEY} (keys lower-cased, since header names have no case); and on the way out
 * {@code Content-Length}, {@code Last-Modified}, {@code ETag} (the SHA-256 in hex) and
 * {@code Repr-Digest} (RFC 9530, {@code sha-256=:BASE64:}).
 */
final class FileHeaders {
    static final String META = "x-capa-meta-";

    private FileHeaders() {}

    /** The metadata a put's headers carry; a bad key or value is a FileException BAD_REQUEST naming it. */
    static FileMetadata metadata(HttpHeaders headers) {
        Map<String, String> user = new TreeMap<>();
        for (Map.Entry<String, List<String>> h : headers.getRequestHeaders().entrySet()) {
            String key = h.getKey().toLowerCase(Locale.ROOT);
            if (key.startsWith(META) && !h.getValue().isEmpty()) {
                user.put(key.substring(META.length()), String.join(",", h.getValue()));
            }
        }
        String type = headers.getMediaType() == null ? null : headers.getMediaType().toString();
        return new FileMetadata(type, user);
    }

    static Response.ResponseBuilder on(Response.ResponseBuilder response, FileInfo info) {
        response.header(HttpHeaders.CONTENT_LENGTH, info.size())
                .lastModified(Date.from(info.lastModified()))
                .header(HttpHeaders.ETAG, "\"" + info.sha256() + "\"");
        if (!info.sha256().isEmpty()) {
            response.header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(info.sha256())) + ":");
        }
        info.metadata().forEach((k, v) -> response.header("X-Capa-Meta-" + k, v));
        return response;
    }
}
