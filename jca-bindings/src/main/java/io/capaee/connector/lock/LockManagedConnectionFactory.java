// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.store.RedisClient;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;

/** Lock stores ({@code eis/capa/lock/NAME}): memory (default) or Redis leases. */
@ConnectionDefinition(
        connectionFactory = LockConnectionFactory.class,
        connectionFactoryImpl = LockConnectionFactoryImpl.class,
        connection = LockConnection.class,
        connectionImpl = LockConnectionHandle.class)
public class LockManagedConnectionFactory extends StoreManagedConnectionFactory<LockBackend> {
    private static final long serialVersionUID = 1L;

    @Override
    protected Object newConnectionFactory(ConnectionManager manager) {
        return new LockConnectionFactoryImpl(this, manager);
    }

    @Override
    protected ConnectionHandle newHandle(String namespace) {
        return new LockConnectionHandle(namespace);
    }

    @Override
    protected Class<? extends ConnectionHandle> handleType() {
        return LockConnectionHandle.class;
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
