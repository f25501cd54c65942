// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import jakarta.resource.spi.ConnectionManager;

/** The {@link KeyValueConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class KeyValueConnectionFactoryImpl extends ConnectionFactoryBase<KeyValueConnection>
        implements KeyValueConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final KeyValueManagedConnectionFactory factory;

    KeyValueConnectionFactoryImpl(KeyValueManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, KeyValueConnection.class, KeyValueException::new);
        this.factory = factory;
    }

    @Override
    public long writeStamp(String key) {
        // Only the memory backend has all its writers in this JVM; on Redis another server may
        // have written the key, so a cached copy must not be told "unchanged".
        return factory.inMemory() ? factory.stamps().stamp(key) : NOT_TRACKED;
    }
}
