// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.lock.LockException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link LockConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class LockConnectionFactoryImpl extends ConnectionFactoryBase<LockConnection> implements LockConnectionFactory {
    private static final long serialVersionUID = 1L;

    LockConnectionFactoryImpl(LockManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, LockConnection.class, LockException::new);
    }
}
