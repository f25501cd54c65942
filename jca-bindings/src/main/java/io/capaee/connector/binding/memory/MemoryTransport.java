// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.memory;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.json.Jsonp;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.Metadata;
import io.capaee.connector.memory.Utf8;
import io.capaee.connector.outbound.SharedBackendBase;
import jakarta.json.JsonArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operations {@code create} (metadata {@code key}), {@code get} (data, or none when absent),
 * {@code delete} and {@code list} (a JSON array of the keys, sorted). At most {@code maxEntries}
 * entries and {@code maxBytes} bytes of keys (UTF-8) and data: a create beyond is refused (FULL) and
 * leaves the entry as it was.
 */
final class MemoryTransport extends SharedBackendBase implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("create", "get", "delete", "list");

    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxBytes;
    private long bytes; // guarded by this; keys and data held

    MemoryTransport(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        return switch (request.operation()) {
            case "create" -> {
                String key = Metadata.required(request, "key");
                put(key, request.data().clone());
                yield BindingResponse.empty(Map.of("key", key));
            }
            case "get" -> {
                byte[] value = entries.get(Metadata.required(request, "key"));
                yield value == null ? BindingResponse.empty(Map.of()) : new BindingResponse(value.clone(), Map.of());
            }
            case "delete" -> {
                boolean deleted = remove(Metadata.required(request, "key"));
                yield BindingResponse.empty(Map.of("deleted", Boolean.toString(deleted)));
            }
            case "list" -> {
                JsonArrayBuilder keys = Jsonp.createArrayBuilder();
                new TreeSet<>(entries.keySet()).forEach(keys::add);
                yield new BindingResponse(keys.build().toString().getBytes(StandardCharsets.UTF_8), Map.of());
            }
            default -> throw new IllegalArgumentException(request.operation()); // checked by the handle
        };
    }

    private synchronized void put(String key, byte[] data) {
        byte[] old = entries.get(key);
        long grows = old == null ? Utf8.length(key) + data.length : data.length - old.length;
        if ((old == null && entries.size() >= maxEntries) || bytes + grows > maxBytes) {
            throw new OutputBindingException(OutputBindingException.Reason.FULL, "the memory binding is full: at most "
                    + maxEntries + " entries (maxEntries) and " + maxBytes + " bytes (maxBytes)");
        }
        entries.put(key, data);
        bytes += grows;
    }

    private synchronized boolean remove(String key) {
        byte[] old = entries.remove(key);
        if (old != null) {
            bytes -= Utf8.length(key) + old.length;
        }
        return old != null;
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public String describe() {
        return "memory binding";
    }

    @Override
    protected void release() {
        synchronized (this) {
            entries.clear();
            bytes = 0;
        }
    }
}
