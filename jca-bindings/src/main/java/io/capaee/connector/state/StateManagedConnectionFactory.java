// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
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
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        validate();
        return new StateConnectionFactoryImpl(this, manager);
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
                () -> new StateConnectionHandle(namespace), StateConnectionHandle.class);
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
