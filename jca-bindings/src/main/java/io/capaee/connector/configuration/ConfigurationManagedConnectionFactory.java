// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.UnmanagedConnectionManager;
import io.capaee.connector.store.BackendManagedConnection;
import io.capaee.connector.store.RedisClient;
import io.capaee.connector.store.StoreBackend;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import javax.security.auth.Subject;

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
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        validate();
        if (StoreBackend.parse(getBackend()) != StoreBackend.REDIS) {
            throw new InvalidPropertyException("ConfigurationManagedConnectionFactory: invalid config property 'backend':"
                    + " configuration stores run on redis");
        }
        return new ConfigurationConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        validate();
        return new BackendManagedConnection<>(this, backend(), describe(), ConfigurationConnectionHandle::new,
                ConfigurationConnectionHandle.class);
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
