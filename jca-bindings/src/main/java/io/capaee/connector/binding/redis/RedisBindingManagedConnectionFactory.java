// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.redis;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.RedisBindingFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.redis.RedisManagedConnectionFactory;
import io.capaee.connector.redis.RedisProperties;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * The {@code redis} output binding (Dapr's Redis binding operations): {@code create} sets a key
 * (metadata {@code key}, optional {@code ttlInSeconds}), {@code get} reads it, {@code delete}
 * removes it. One jedis pool per binding, created on first use.
 */
@ConnectionDefinition(
        connectionFactory = RedisBindingFactory.class,
        connectionFactoryImpl = RedisBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class RedisBindingManagedConnectionFactory extends RedisManagedConnectionFactory<BindingTransport> {
    private static final long serialVersionUID = 1L;

    private static final String POOL_SIZE = "8";

    public RedisBindingManagedConnectionFactory() {
        super(Integer.parseInt(POOL_SIZE));
    }

    @ConfigProperty(defaultValue = "capa:binding:", description = "Prefix put before every key, e.g. 'orders:'; required,"
            + " so that callers reach only this binding's keys, never the server's own (routes, actor state)")
    private String keyPrefix = "capa:binding:";

    @Override
    protected void validate() {
        redis().settings();
        keyPrefix();
    }

    private String keyPrefix() {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new InvalidConfigException("keyPrefix", "must not be empty: without one a caller could read and"
                    + " overwrite every key of the database (e.g. capa:binding:)");
        }
        return keyPrefix;
    }

    @Override
    protected BindingTransport openBackend() {
        return new RedisTransport(redis().settings(), keyPrefix());
    }

    @Override
    public String describe() {
        return redis().describe();
    }

    @ConfigProperty(defaultValue = POOL_SIZE, description = RedisProperties.POOL_SIZE_HELP + " for this binding")
    public void setPoolSize(Integer poolSize) {
        redis().setPoolSize(poolSize);
    }

    public Integer getPoolSize() {
        return redis().getPoolSize();
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
