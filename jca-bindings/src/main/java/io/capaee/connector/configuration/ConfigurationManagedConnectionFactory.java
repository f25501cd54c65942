// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.store.RedisClient;
import io.capaee.connector.store.StoreBackend;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;

/**
 * Redis configuration stores ({@code eis/capa/configuration/NAME}); {@code backend} must be
 * {@code redis}. Items are not namespaced by application id (configuration is shared, as in Dapr);
 * {@code keyPrefix} scopes a store to part of the keyspace instead.
 */
@ConnectionDefinition(
        connectionFactory = ConfigurationConnectionFactory.class,
        connectionFactoryImpl = ConfigurationConnectionFactoryImpl.class,
        connection = ConfigurationConnection.class,
        connectionImpl = ConfigurationConnectionHandle.class)
public class ConfigurationManagedConnectionFactory extends StoreManagedConnectionFactory<RedisConfigurationStore> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "", description = "Prefix of every item's Redis key; empty for none")
    private String keyPrefix = "";

    @Override
    protected Object newConnectionFactory(ConnectionManager manager) {
        if (StoreBackend.parse(getBackend()) != StoreBackend.REDIS) {
            throw new InvalidConfigException("backend", "configuration stores run on redis");
        }
        return new ConfigurationConnectionFactoryImpl(this, manager);
    }

    @Override
    protected ConnectionHandle newHandle(String namespace) {
        return new ConfigurationConnectionHandle();
    }

    @Override
    protected Class<? extends ConnectionHandle> handleType() {
        return ConfigurationConnectionHandle.class;
    }

    @Override
    protected RedisConfigurationStore memoryBackend() {
        throw new InvalidConfigException("backend", "configuration stores run on redis");
    }

    @Override
    protected RedisConfigurationStore redisBackend(RedisClient redis) {
        return new RedisConfigurationStore(redis, keyPrefix);
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
