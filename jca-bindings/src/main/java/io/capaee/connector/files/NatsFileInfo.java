// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import io.capaee.api.files.FileInfo;
import io.nats.client.api.ObjectInfo;
import io.nats.client.impl.Headers;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** An object's info as a {@link FileInfo}: jnats' {@code SHA-256=base64url} digest in hex, headers as type and metadata. */
final class NatsFileInfo {
    private static final String DIGEST_PREFIX = "SHA-256=";

    private NatsFileInfo() {}

    static FileInfo of(ObjectInfo info) {
        Headers headers = info.getHeaders();
        String type = null;
        Map<String, String> meta = new HashMap<>();
        if (headers != null) {
            type = headers.getFirst(NatsObjectFileStore.TYPE_HEADER);
            for (String key : headers.keySet()) {
                List<String> values = headers.get(key);
                if (key.startsWith(NatsObjectFileStore.META_HEADER) && values != null && !values.isEmpty()) {
                    meta.put(key.substring(NatsObjectFileStore.META_HEADER.length()), values.get(0));
                }
            }
        }
        return new FileInfo(info.getObjectName(), info.getSize(), info.getModified().toInstant(), hex(info.getDigest()), type, meta);
    }

    static String hex(String digest) {
        if (digest == null || !digest.startsWith(DIGEST_PREFIX)) {
            return "";
        }
        String b64 = digest.substring(DIGEST_PREFIX.length());
        // jnats writes base64url; other clients (nats CLI, Go) may pad or use the standard alphabet
        byte[] raw = b64.contains("+") || b64.contains("/")
                ? Base64.getDecoder().decode(b64) : Base64.getUrlDecoder().decode(b64);
        return HexFormat.of().formatHex(raw);
    }
}
