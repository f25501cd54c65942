// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.memory;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.Metadata;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operations {@code create} (metadata {@code key}), {@code get} (data, or none when absent),
 * {@code delete} and {@code list} (a JSON array of the keys, sorted).
 */
final class MemoryTransport implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("create", "get", "delete", "list");

    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private volatile boolean closed;

    MemoryTransport(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        return switch (request.operation()) {
            case "create" -> {
                String key = Metadata.required(request, "key");
                if (!entries.containsKey(key) && entries.size() >= maxEntries) {
                    throw new OutputBindingException(OutputBindingException.Reason.FAILED,
                            "the memory binding is full (" + maxEntries + " entries)");
                }
                entries.put(key, request.data().clone());
                yield BindingResponse.empty(Map.of("key", key));
            }
            case "get" -> {
                byte[] value = entries.get(Metadata.required(request, "key"));
                yield value == null ? BindingResponse.empty(Map.of()) : new BindingResponse(value.clone(), Map.of());
            }
            case "delete" -> {
                boolean deleted = entries.remove(Metadata.required(request, "key")) != null;
                yield BindingResponse.empty(Map.of("deleted", Boolean.toString(deleted)));
            }
            case "list" -> {
                JsonArrayBuilder keys = Json.createArrayBuilder();
                new TreeSet<>(entries.keySet()).forEach(keys::add);
                yield new BindingResponse(keys.build().toString().getBytes(StandardCharsets.UTF_8), Map.of());
            }
            default -> throw new IllegalArgumentException(request.operation()); // checked by the handle
        };
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
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        entries.clear();
    }
}
