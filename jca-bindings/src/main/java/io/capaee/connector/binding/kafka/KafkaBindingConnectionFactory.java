// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.kafka;

import io.capaee.api.binding.KafkaBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link KafkaBindingFactory} bound in JNDI. */
public final class KafkaBindingConnectionFactory extends BindingConnectionFactory implements KafkaBindingFactory {
    private static final long serialVersionUID = 1L;

    KafkaBindingConnectionFactory(KafkaBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
