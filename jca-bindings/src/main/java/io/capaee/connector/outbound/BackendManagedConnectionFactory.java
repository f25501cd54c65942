// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.connector.BindingException;
import io.capaee.connector.InvalidConfigException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import javax.security.auth.Subject;

/**
 * Base of the managed connection factories whose connections all share one backend {@code B} (a
 * store, a binding's transport, a query engine, a message bus): checks the config when the
 * container creates the connection factory (so that a typo fails at deploy time, naming the
 * property) and again for each managed connection, opens the backend on first use and again once
 * it was closed (by the resource adapter stopping), and hands out {@link BackendManagedConnection}s
 * on it. A subclass keeps only what is its own: its properties and their checks, how to open its
 * backend, and its connection factory and handle types.
 */
public abstract class BackendManagedConnectionFactory<B> extends ManagedConnectionFactoryBase {
    private static final long serialVersionUID = 1L;

    private transient B backend; // guarded by this; opened on first use
    private transient volatile DefinedTypes types; // made on first use

    /** Checks every property; throws {@link InvalidConfigException} naming the first bad one. */
    protected abstract void validate();

    /**
     * The connection factory bound in JNDI, handing out handles through {@code manager}: the
     * {@code connectionFactoryImpl} of this factory's {@link ConnectionDefinition}.
     */
    protected Object newConnectionFactory(ConnectionManager manager) {
        return types().connectionFactory(this, manager);
    }

    /**
     * A new application handle: the {@code connectionImpl} of this factory's
     * {@link ConnectionDefinition}; a factory whose handles take arguments overrides this.
     */
    protected ConnectionHandle newHandle() {
        return types().handle();
    }

    /**
     * Opens the backend for the current config (called after {@link #validate()}). A
     * {@link SharedBackend} is handed to the resource adapter, which closes it when it stops.
     */
    protected abstract B openBackend() throws ResourceException;

    /** True when {@code backend} was closed (by the adapter stopping) and must be opened again. */
    protected boolean closed(B backend) {
        return backend instanceof SharedBackend shared && shared.closed();
    }

    @Override
    public final Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        try {
            validate();
            return newConnectionFactory(manager);
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    @Override
    public final ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            validate();
        } catch (BindingException e) {
            throw toResourceException(e);
        }
        return new BackendManagedConnection<>(this, backend(), describe(), this::newHandle);
    }

    private DefinedTypes types() {
        DefinedTypes made = types;
        if (made == null) {
            made = new DefinedTypes(getClass());
            types = made;
        }
        return made;
    }

    /** The shared backend, opened on first use and again after it was closed. */
    protected final synchronized B backend() throws ResourceException {
        try {
            if (backend == null || closed(backend)) {
                B opened = openBackend();
                if (opened instanceof SharedBackend shared) {
                    adapter().own(shared);
                }
                backend = opened;
            }
            return backend;
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }
}
