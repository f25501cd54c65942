// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.memory;

import io.capaee.api.binding.MemoryBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link MemoryBindingFactory} bound in JNDI. */
public final class MemoryBindingConnectionFactory extends BindingConnectionFactory implements MemoryBindingFactory {
    private static final long serialVersionUID = 1L;

    MemoryBindingConnectionFactory(MemoryBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
