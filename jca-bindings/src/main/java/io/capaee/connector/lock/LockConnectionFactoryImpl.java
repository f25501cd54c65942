// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.lock.LockException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link LockConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class LockConnectionFactoryImpl implements LockConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final LockManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    LockConnectionFactoryImpl(LockManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public LockConnection getConnection() {
        try {
            return (LockConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new LockException("cannot get a lock store connection (" + factory.describe() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return factory.describe();
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
