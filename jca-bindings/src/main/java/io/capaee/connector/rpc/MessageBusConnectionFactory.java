// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.MessageBusFactory;
import io.capaee.api.rpc.TransportException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link MessageBusFactory} bound in JNDI ({@code eis/capa/rpc/nats}). */
public final class MessageBusConnectionFactory extends ConnectionFactoryBase<MessageBus> implements MessageBusFactory {
    private static final long serialVersionUID = 1L;

    MessageBusConnectionFactory(MessageBusManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, MessageBus.class, TransportException::new);
    }
}
