// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mqtt;

import io.capaee.api.binding.MqttBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link MqttBindingFactory} bound in JNDI. */
public final class MqttBindingConnectionFactory extends BindingConnectionFactory implements MqttBindingFactory {
    private static final long serialVersionUID = 1L;

    MqttBindingConnectionFactory(MqttBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
