// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.redis;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.Metadata;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import io.capaee.connector.redis.RedisSettings;
import java.util.Map;
import java.util.Set;

/** Operations {@code create}, {@code get} (no data when the key is absent), {@code delete}. */
final class RedisTransport implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("create", "get", "delete");

    private final String keyPrefix;
    private final RedisClient client;
    private final RedisCommands redis;

    RedisTransport(RedisSettings settings, String keyPrefix) {
        this.keyPrefix = keyPrefix;
        this.client = new RedisClient(settings, "capa-ee-binding");
        this.redis = client.commands(e -> new OutputBindingException(e.unreachable() ? Reason.UNAVAILABLE : Reason.FAILED,
                e.getMessage(), e));
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        String key = keyPrefix + Metadata.required(request, "key");
        return switch (request.operation()) {
            case "create" -> {
                redis.setBytes(key, request.data(), Metadata.positiveLong(request, "ttlInSeconds"));
                yield BindingResponse.empty(Map.of());
            }
            case "get" -> {
                byte[] value = redis.getBytes(key);
                yield value == null ? BindingResponse.empty(Map.of()) : new BindingResponse(value, Map.of());
            }
            case "delete" -> BindingResponse.empty(Map.of("deleted", Boolean.toString(redis.delete(key))));
            default -> throw new IllegalArgumentException(request.operation()); // checked by the handle
        };
    }

    @Override
    public void check() {
        client.commands(e -> new OutputBindingException(Reason.UNAVAILABLE, e.getMessage(), e)).ping();
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public String describe() {
        return client.settings().describe();
    }

    @Override
    public boolean closed() {
        return client.closed();
    }

    @Override
    public void close() {
        client.close();
    }
}
