// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link StateConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class StateConnectionFactoryImpl extends ConnectionFactoryBase<StateConnection> implements StateConnectionFactory {
    private static final long serialVersionUID = 1L;

    StateConnectionFactoryImpl(StateManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, StateConnection.class, StateException::new);
    }

    /** Every backend (memory, Redis, PostgreSQL, MariaDB) lists its entries. */
    @Override
    public boolean scans() {
        return true;
    }
}
