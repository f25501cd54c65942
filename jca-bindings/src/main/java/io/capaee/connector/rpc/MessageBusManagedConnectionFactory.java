// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.MessageBusFactory;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsManagedConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * The NATS connection of schema-first RPC ({@code properties.capa-ee.jca-bindings.MessageBusFactory}
 * in server.xml): every managed connection of one factory shares one jnats connection, opened on
 * first use through {@link NatsClients} (reconnects for ever, and keeps trying when NATS is not up
 * yet) and closed when the resource adapter stops.
 */
@ConnectionDefinition(
        connectionFactory = MessageBusFactory.class,
        connectionFactoryImpl = MessageBusConnectionFactory.class,
        connection = MessageBus.class,
        connectionImpl = MessageBusHandle.class)
public class MessageBusManagedConnectionFactory extends NatsManagedConnectionFactory<NatsMessageBus> {
    private static final long serialVersionUID = 1L;

    @Override
    protected void validate() {
        nats().settings();
    }

    @Override
    protected NatsMessageBus openBackend() throws ResourceException {
        return new NatsMessageBus(connectShared("capa-ee-rpc"));
    }

    @Override
    public String describe() {
        return nats().describe();
    }
}
