// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/**
 * Base of the connection factories bound in JNDI ({@code eis/binding/<name>}); each system
 * subclasses it only to carry its own factory interface, which is what server.xml's
 * {@code properties.capa-ee.jca-bindings.<Interface>} element names.
 */
public abstract class BindingConnectionFactory extends ConnectionFactoryBase<OutputBinding> implements OutputBindingFactory {
    private static final long serialVersionUID = 1L;

    protected BindingConnectionFactory(BackendManagedConnectionFactory<BindingTransport> factory, ConnectionManager manager) {
        super(factory, manager, OutputBinding.class,
                (message, cause) -> new OutputBindingException(OutputBindingException.Reason.UNAVAILABLE, message, cause));
    }
}
