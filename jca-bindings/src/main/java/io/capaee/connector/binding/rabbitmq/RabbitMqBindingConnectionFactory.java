// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.rabbitmq;

import io.capaee.api.binding.RabbitMqBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link RabbitMqBindingFactory} bound in JNDI. */
public final class RabbitMqBindingConnectionFactory extends BindingConnectionFactory implements RabbitMqBindingFactory {
    private static final long serialVersionUID = 1L;

    RabbitMqBindingConnectionFactory(RabbitMqBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
