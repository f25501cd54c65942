// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.connector.BindingException;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.InvalidConfigException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Base of the managed connection factories: association with {@link CapaResourceAdapter} (which
 * owns the shared clients), log writer, NoTransaction, matching, and the translation of module
 * exceptions into {@link ResourceException}s at this SPI edge.
 *
 * <p>{@code equals}/{@code hashCode} stay Object's on purpose: each instance owns its own backend
 * (an in-memory store, a client), so two factories with equal config are still not interchangeable.
 */
public abstract class ManagedConnectionFactoryBase
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {
    private static final long serialVersionUID = 1L;

    private transient CapaResourceAdapter adapter;
    private transient PrintWriter logWriter;

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof CapaResourceAdapter capa)) {
            throw new ResourceException(getClass().getSimpleName() + " needs the Capa EE resource adapter, got "
                    + (ra == null ? "null" : ra.getClass().getName()));
        }
        this.adapter = capa;
    }

    /** What this factory's connections reach, for messages and listings; no secrets. */
    public abstract String describe();

    /** A connection factory for use outside a container: its connections are not pooled. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    /** The associated adapter; fails when the container (or a test) did not associate one. */
    protected final CapaResourceAdapter adapter() {
        if (adapter == null) {
            throw new BindingException(getClass().getSimpleName() + " is not associated with a resource adapter");
        }
        return adapter;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.NoTransaction;
    }

    /**
     * Any live managed connection of this factory serves any request: none carries per-request
     * state (no Subject, no ConnectionRequestInfo).
     */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof ManagedConnectionBase mc && mc.factory() == this && !mc.destroyed()) {
                return mc;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** The SPI-edge form of a module exception: InvalidPropertyException for bad config. */
    protected final ResourceException toResourceException(BindingException e) {
        String message = getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof InvalidConfigException) {
            return new InvalidPropertyException(message, e);
        }
        return new ResourceException(message, e);
    }
}
