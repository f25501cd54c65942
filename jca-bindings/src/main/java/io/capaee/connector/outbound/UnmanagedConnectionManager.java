// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager for use outside a container (non-managed mode, tests): one managed
 * connection per handle, destroyed when the handle closes. No pooling: ours are cheap.
 */
public final class UnmanagedConnectionManager implements ConnectionManager {
    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection mc = factory.createManagedConnection(null, info);
        mc.addConnectionEventListener(new DestroyOnClose());
        return mc.getConnection(null, info);
    }

    private static final class DestroyOnClose implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            destroy(event);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            destroy(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {}

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {}

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {}

        private static void destroy(ConnectionEvent event) {
            try {
                ((ManagedConnection) event.getSource()).destroy();
            } catch (ResourceException e) {
                throw new IllegalStateException("cannot destroy a closed managed connection", e);
            }
        }
    }
}
