// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.store.StoreBackend;
import io.capaee.connector.store.NamespacedStoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * Redis configuration stores ({@code eis/capa/configuration/NAME}); {@code backend} must be
 * {@code redis}. Items are not namespaced by application id (configuration is shared, as in Dapr);
 * {@code keyPrefix} scopes a store to part of the keyspace instead. The prefix is required: with
 * none, a listing of every item would be a listing of the whole Redis database (proxy routes, actor
 * state, other applications' data). {@code maxItems} bounds every answer and every key list.
 */
@ConnectionDefinition(
        connectionFactory = ConfigurationConnectionFactory.class,
        connectionFactoryImpl = ConfigurationConnectionFactoryImpl.class,
        connection = ConfigurationConnection.class,
        connectionImpl = ConfigurationConnectionHandle.class)
public class ConfigurationManagedConnectionFactory extends NamespacedStoreManagedConnectionFactory<RedisConfigurationStore> {
    private static final long serialVersionUID = 1L;

    static final String DEFAULT_KEY_PREFIX = "capa:config:";

    @ConfigProperty(defaultValue = DEFAULT_KEY_PREFIX,
            description = "Prefix of every item's Redis key; required, without the glob characters * ? [ ] \\")
    private String keyPrefix = DEFAULT_KEY_PREFIX;

    @ConfigProperty(defaultValue = "1000", description = "Most items one get answers, or one request names; more is refused")
    private Integer maxItems = 1000;

    @Override
    protected void validateStore() {
        super.validateStore();
        if (StoreBackend.parse(getBackend()) != StoreBackend.REDIS) {
            throw new InvalidConfigException("backend", "configuration stores run on redis");
        }
        checkedKeyPrefix();
        checkedMaxItems();
    }

    private String checkedKeyPrefix() {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new InvalidConfigException("keyPrefix", "must not be empty (it would expose every key of the Redis"
                    + " database): set capa.configuration.key-prefix, e.g. " + DEFAULT_KEY_PREFIX);
        }
        if (keyPrefix.chars().anyMatch(c -> "*?[]\\".indexOf(c) >= 0)) {
            throw new InvalidConfigException("keyPrefix", "'" + keyPrefix + "' must not contain the glob characters * ? [ ] \\");
        }
        return keyPrefix;
    }

    private int checkedMaxItems() {
        return (int) atLeastOne("maxItems", maxItems, "capa.configuration.max-items");
    }

    @Override
    protected RedisConfigurationStore memoryBackend() {
        throw new InvalidConfigException("backend", "configuration stores run on redis");
    }

    @Override
    protected RedisConfigurationStore redisBackend(RedisClient redis) {
        return new RedisConfigurationStore(redis, checkedKeyPrefix(), checkedMaxItems());
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Integer getMaxItems() {
        return maxItems;
    }

    public void setMaxItems(Integer maxItems) {
        this.maxItems = maxItems;
    }
}
