// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link KeyValueConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class KeyValueConnectionFactoryImpl implements KeyValueConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final KeyValueManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    KeyValueConnectionFactoryImpl(KeyValueManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public KeyValueConnection getConnection() {
        try {
            return (KeyValueConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new KeyValueException("cannot get a key/value connection (" + factory.describe() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long writeStamp(String key) {
        // Only the memory backend has all its writers in this JVM; on Redis another server may
        // have written the key, so a cached copy must not be told "unchanged".
        return factory.inMemory() ? factory.stamps().stamp(key) : NOT_TRACKED;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
