// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.connector.BindingException;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.ManagedConnectionFactoryBase;
import io.capaee.connector.outbound.UnmanagedConnectionManager;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import javax.security.auth.Subject;

/**
 * Base of the output-binding managed connection factories: validates the config when the
 * container creates the connection factory (so a typo fails at deploy time, naming the property),
 * and shares one {@link BindingTransport} among all its managed connections.
 */
public abstract class BindingManagedConnectionFactory extends ManagedConnectionFactoryBase {
    private static final long serialVersionUID = 1L;

    private transient BindingTransport transport; // guarded by this; created on first use

    /** Checks every property; throws {@link InvalidConfigException} naming the first bad one. */
    protected abstract void validate();

    /** Opens the transport for the current config (called after {@link #validate()}). */
    protected abstract BindingTransport openTransport();

    /** The application-facing connection factory of this system's type. */
    protected abstract BindingConnectionFactory newConnectionFactory(ConnectionManager manager);

    @Override
    public final Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        try {
            validate();
        } catch (BindingException e) {
            throw toResourceException(e);
        }
        return newConnectionFactory(manager);
    }

    @Override
    public final Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public final ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            validate();
            return new BindingManagedConnection(this, transport());
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    /** The shared transport, opened on first use and again after the adapter closed it. */
    public final synchronized BindingTransport transport() {
        if (transport == null || transport.closed()) {
            transport = adapter().own(openTransport());
        }
        return transport;
    }

    /** A required int property. */
    protected static int required(String property, Integer value, int min) {
        if (value == null) {
            throw new InvalidConfigException(property, "must be set");
        }
        if (value < min) {
            throw new InvalidConfigException(property, value + " must be at least " + min);
        }
        return value;
    }

    /** A required, non-blank string property. */
    protected static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(property, "must be set");
        }
        return value.strip();
    }
}
