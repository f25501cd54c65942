// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.store.RedisClient;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;

/**
 * State stores ({@code eis/capa/state/NAME}): memory (default) or Redis, keys namespaced by
 * {@code appId}. See {@link StoreManagedConnectionFactory} for the config properties.
 */
@ConnectionDefinition(
        connectionFactory = StateConnectionFactory.class,
        connectionFactoryImpl = StateConnectionFactoryImpl.class,
        connection = StateConnection.class,
        connectionImpl = StateConnectionHandle.class)
public class StateManagedConnectionFactory extends StoreManagedConnectionFactory<StateBackend> {
    private static final long serialVersionUID = 1L;

    @Override
    protected Object newConnectionFactory(ConnectionManager manager) {
        return new StateConnectionFactoryImpl(this, manager);
    }

    @Override
    protected ConnectionHandle newHandle(String namespace) {
        return new StateConnectionHandle(namespace);
    }

    @Override
    protected Class<? extends ConnectionHandle> handleType() {
        return StateConnectionHandle.class;
    }

    @Override
    protected StateBackend memoryBackend() {
        return new MemoryStateBackend();
    }

    @Override
    protected StateBackend redisBackend(RedisClient redis) {
        return new RedisStateBackend(redis, namespace());
    }
}
