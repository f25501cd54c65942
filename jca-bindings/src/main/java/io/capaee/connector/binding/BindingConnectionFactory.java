// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * Base of the connection factories bound in JNDI ({@code eis/binding/<name>}); each system
 * subclasses it only to carry its own factory interface, which is what server.xml's
 * {@code properties.capa-ee.jca-bindings.<Interface>} element names.
 */
public abstract class BindingConnectionFactory implements OutputBindingFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final BindingManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    protected BindingConnectionFactory(BindingManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public final OutputBinding getConnection() {
        try {
            return (OutputBinding) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new OutputBindingException(OutputBindingException.Reason.UNAVAILABLE,
                    "cannot get a connection to " + factory.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public final Reference getReference() {
        return reference;
    }
}
