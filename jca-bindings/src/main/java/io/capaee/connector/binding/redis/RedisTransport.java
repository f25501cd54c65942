// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.redis;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.Metadata;
import io.capaee.connector.redis.RedisSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/** Operations {@code create}, {@code get} (no data when the key is absent), {@code delete}. */
final class RedisTransport implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("create", "get", "delete");

    private final RedisSettings settings;
    private final String keyPrefix;
    private final JedisPooled jedis;
    private volatile boolean closed;

    RedisTransport(RedisSettings settings, String keyPrefix) {
        this.settings = settings;
        this.keyPrefix = keyPrefix;
        this.jedis = settings.pooled("capa-ee-binding", 0);
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        byte[] key = (keyPrefix + Metadata.required(request, "key")).getBytes(StandardCharsets.UTF_8);
        try {
            return switch (request.operation()) {
                case "create" -> {
                    long ttl = Metadata.positiveLong(request, "ttlInSeconds");
                    jedis.set(key, request.data(), ttl > 0 ? SetParams.setParams().ex(ttl) : SetParams.setParams());
                    yield BindingResponse.empty(Map.of());
                }
                case "get" -> {
                    byte[] value = jedis.get(key);
                    yield value == null ? BindingResponse.empty(Map.of()) : new BindingResponse(value, Map.of());
                }
                case "delete" -> BindingResponse.empty(Map.of("deleted", Boolean.toString(jedis.del(key) > 0)));
                default -> throw new IllegalArgumentException(request.operation()); // checked by the handle
            };
        } catch (JedisConnectionException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "redis " + settings.address() + " unreachable: "
                    + e.getMessage(), e);
        } catch (JedisException e) {
            throw new OutputBindingException(Reason.FAILED, "redis " + settings.address() + " refused "
                    + request.operation() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void check() {
        try {
            jedis.ping();
        } catch (JedisException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "redis " + settings.address() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public String describe() {
        return "redis " + settings.address() + "/" + settings.database();
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        jedis.close();
    }
}
