// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link StateConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class StateConnectionFactoryImpl implements StateConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final StateManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    StateConnectionFactoryImpl(StateManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public StateConnection getConnection() {
        try {
            return (StateConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new StateException("cannot get a state store connection (" + factory.describe() + "): " + e.getMessage(), e);
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
