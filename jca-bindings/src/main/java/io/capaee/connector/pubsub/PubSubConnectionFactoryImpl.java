// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link PubSubConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class PubSubConnectionFactoryImpl implements PubSubConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final PubSubManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    PubSubConnectionFactoryImpl(PubSubManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public PubSubConnection getConnection() {
        try {
            return (PubSubConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new PubSubException("cannot get a pub/sub connection (" + factory.describe() + "): " + e.getMessage(), e);
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
