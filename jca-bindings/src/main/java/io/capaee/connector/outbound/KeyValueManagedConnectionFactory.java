// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.connector.KeyValueStore;
import io.capaee.connector.memory.MemoryKeyValueStore;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisKeyValueStore;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * Key/value connections ({@code eis/capa/keyvalue}): the {@code memory} backend (default; one
 * store per factory instance) or {@code redis}; keys are not namespaced. See
 * {@link StoreManagedConnectionFactory} for the config properties.
 */
@ConnectionDefinition(
        connectionFactory = KeyValueConnectionFactory.class,
        connectionFactoryImpl = KeyValueConnectionFactoryImpl.class,
        connection = KeyValueConnection.class,
        connectionImpl = KeyValueConnectionHandle.class)
public class KeyValueManagedConnectionFactory extends StoreManagedConnectionFactory<KeyValueStore> {
    private static final long serialVersionUID = 1L;

    private final transient WriteStamps stamps = new WriteStamps();

    @Override
    protected KeyValueStore memoryBackend() {
        return new MemoryKeyValueStore();
    }

    @Override
    protected KeyValueStore redisBackend(RedisClient redis) {
        return new RedisKeyValueStore(redis);
    }

    /** The shared backend of this factory, created on first use. */
    KeyValueStore store() throws ResourceException {
        return backend();
    }

    /** Counts the writes made through this factory's connections (see {@link KeyValueConnectionFactoryImpl#writeStamp}). */
    WriteStamps stamps() {
        return stamps;
    }

    /**
     * Whether the backend is the in-memory one, read as {@code StoreBackend.parse} reads it but
     * without its allocation ({@link KeyValueConnectionFactoryImpl#writeStamp} asks on every proxy request).
     */
    boolean inMemory() {
        return "memory".equalsIgnoreCase(String.valueOf(getBackend()).strip());
    }
}
