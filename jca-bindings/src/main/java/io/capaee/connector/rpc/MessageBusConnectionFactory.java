// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.MessageBusFactory;
import io.capaee.api.rpc.TransportException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link MessageBusFactory} bound in JNDI ({@code eis/capa/rpc/nats}). */
public final class MessageBusConnectionFactory implements MessageBusFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final MessageBusManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    MessageBusConnectionFactory(MessageBusManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public MessageBus getConnection() {
        try {
            return (MessageBus) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new TransportException("cannot get a connection to " + factory.describe() + ": " + e.getMessage(), e);
        }
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
