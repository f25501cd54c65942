// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.connector.outbound.UnmanagedConnectionManager;
import io.capaee.connector.store.BackendManagedConnection;
import io.capaee.connector.store.RedisClient;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import javax.security.auth.Subject;

/** Lock stores ({@code eis/capa/lock/NAME}): memory (default) or Redis leases. */
@ConnectionDefinition(
        connectionFactory = LockConnectionFactory.class,
        connectionFactoryImpl = LockConnectionFactoryImpl.class,
        connection = LockConnection.class,
        connectionImpl = LockConnectionHandle.class)
public class LockManagedConnectionFactory extends StoreManagedConnectionFactory<LockBackend> {
    private static final long serialVersionUID = 1L;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        validate();
        return new LockConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        validate();
        String namespace = namespace();
        return new BackendManagedConnection<>(this, backend(), describe(),
                () -> new LockConnectionHandle(namespace), LockConnectionHandle.class);
    }

    @Override
    protected LockBackend memoryBackend() {
        return new MemoryLockBackend();
    }

    @Override
    protected LockBackend redisBackend(RedisClient redis) {
        return new RedisLockBackend(redis);
    }
}
