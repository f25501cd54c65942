// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.outbound.ManagedConnectionBase;

/** A logical output-binding connection on its factory's shared {@link BindingTransport}. */
public final class BindingManagedConnection extends ManagedConnectionBase {
    private final BindingTransport transport;

    BindingManagedConnection(BindingManagedConnectionFactory factory, BindingTransport transport) {
        super(factory);
        this.transport = transport;
    }

    BindingTransport transport() {
        return transport;
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new OutputBindingHandle();
    }

    @Override
    protected String describe() {
        return transport.describe();
    }
}
