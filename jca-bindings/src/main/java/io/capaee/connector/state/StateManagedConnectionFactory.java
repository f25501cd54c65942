// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.store.NamespacedStoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * State stores ({@code eis/capa/state/NAME}): memory (default) or Redis, keys namespaced by
 * {@code appId}. See {@link NamespacedStoreManagedConnectionFactory} for the config properties; the memory
 * backend is bounded by {@code maxEntries} and {@code maxBytes}.
 */
@ConnectionDefinition(
        connectionFactory = StateConnectionFactory.class,
        connectionFactoryImpl = StateConnectionFactoryImpl.class,
        connection = StateConnection.class,
        connectionImpl = StateConnectionHandle.class)
public class StateManagedConnectionFactory extends NamespacedStoreManagedConnectionFactory<StateBackend> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "100000", description = "Most entries the memory backend holds; a write beyond is refused")
    private Long maxEntries = 100_000L;

    @ConfigProperty(defaultValue = "134217728", description = "Most bytes of keys and values (UTF-8) the memory backend holds")
    private Long maxBytes = 134_217_728L;

    @Override
    protected void validateStore() {
        super.validateStore();
        atLeastOne("maxEntries", maxEntries, "capa.state.memory.max-entries");
        atLeastOne("maxBytes", maxBytes, "capa.state.memory.max-bytes");
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new StateConnectionHandle(namespace());
    }

    @Override
    protected StateBackend memoryBackend() {
        return new MemoryStateBackend(maxEntries, maxBytes); // checked by validateStore()
    }

    @Override
    protected StateBackend redisBackend(RedisClient redis) {
        return new RedisStateBackend(redis, namespace());
    }

    public Long getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(Long maxEntries) {
        this.maxEntries = maxEntries;
    }

    public Long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Long maxBytes) {
        this.maxBytes = maxBytes;
    }
}
