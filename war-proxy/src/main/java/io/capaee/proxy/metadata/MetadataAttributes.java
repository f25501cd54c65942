// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metadata;

import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes an application sets on its sidecar ({@code PUT /v1.0/metadata/{key}}, gRPC {@code SetMetadata})
 * and reads back in the metadata's {@code extended} map, as Dapr keeps them: in this server's memory, until it
 * stops, for the HTTP and the gRPC API alike; a key set again is replaced. Bounded, since any application with the
 * Dapr token may set them: at most {@value #MAX_KEYS} keys of {@value #MAX_KEY_CHARS} characters, values of
 * {@value #MAX_VALUE_BYTES} bytes (UTF-8); beyond that, 413 {@code ERR_METADATA_SET} and nothing changes. Dapr's own
 * key {@value #RUNTIME_VERSION_KEY} is always the runtime's, as in Dapr (a value set under it is not shown).
 */
@ApplicationScoped
public class MetadataAttributes {
    static final int MAX_KEYS = 100;
    static final int MAX_KEY_CHARS = 256;
    static final int MAX_VALUE_BYTES = 8192;
    static final String RUNTIME_VERSION_KEY = "daprRuntimeVersion";

    private final Map<String, String> attributes = new TreeMap<>(); // guarded by this

    /** Sets {@code key} to {@code value}, or refuses with a {@link DaprException} naming the limit. */
    public synchronized void set(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new DaprException(400, "ERR_METADATA_SET", "a metadata key must not be empty");
        }
        if (key.length() > MAX_KEY_CHARS) {
            throw new DaprException(413, "ERR_METADATA_SET", "metadata key '" + key.substring(0, 32) + "...' is longer than "
                    + MAX_KEY_CHARS + " characters");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw new DaprException(413, "ERR_METADATA_SET", "the value of metadata key '" + key + "' has " + bytes
                    + " bytes; at most " + MAX_VALUE_BYTES + " are kept");
        }
        if (!attributes.containsKey(key) && attributes.size() >= MAX_KEYS) {
            throw new DaprException(413, "ERR_METADATA_SET", "this server keeps at most " + MAX_KEYS
                    + " metadata keys; '" + key + "' would be one more (a key already set can be set again)");
        }
        attributes.put(key, value);
    }

    /** What the metadata's {@code extended} map shows: the attributes set, and the runtime's version. */
    public synchronized Map<String, String> extended() {
        Map<String, String> extended = new TreeMap<>(attributes);
        extended.put(RUNTIME_VERSION_KEY, MetadataSnapshot.RUNTIME_VERSION);
        return extended;
    }
}
