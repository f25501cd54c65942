// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.nats;

import io.capaee.api.binding.NatsBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link NatsBindingFactory} bound in JNDI. */
public final class NatsBindingConnectionFactory extends BindingConnectionFactory implements NatsBindingFactory {
    private static final long serialVersionUID = 1L;

    NatsBindingConnectionFactory(NatsBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
