// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.outbound.ManagedConnectionBase;

/** A logical connection on its factory's shared {@link NatsMessageBus}. */
final class MessageBusManagedConnection extends ManagedConnectionBase {
    private final NatsMessageBus bus;

    MessageBusManagedConnection(MessageBusManagedConnectionFactory factory, NatsMessageBus bus) {
        super(factory);
        this.bus = bus;
    }

    NatsMessageBus bus() {
        return bus;
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new MessageBusHandle();
    }

    @Override
    protected String describe() {
        return ((MessageBusManagedConnectionFactory) factory()).describe();
    }
}
