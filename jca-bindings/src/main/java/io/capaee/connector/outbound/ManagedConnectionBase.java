// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * Base of the managed connections. Ours are logical connections on a thread-safe backend that the
 * managed connection factory shares (a pooled client, a cluster, a map), so they hold no socket of
 * their own: the container pools them for accounting, the backend pools the sockets. Per-request
 * {@link Subject} and {@link ConnectionRequestInfo} are not used: credentials come from the
 * factory's config. No transactions: XA and local transactions throw {@link NotSupportedException}.
 */
public abstract class ManagedConnectionBase implements ManagedConnection {
    private final ManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<ConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private volatile PrintWriter logWriter;
    private volatile boolean destroyed;

    protected ManagedConnectionBase(ManagedConnectionFactory factory) {
        this.factory = factory;
    }

    /** A new handle of the type this managed connection hands out. */
    protected abstract ConnectionHandle newHandle();

    /** The backend's description, for metadata and messages. */
    protected abstract String describe();

    /** The factory that created this managed connection. */
    public final ManagedConnectionFactory factory() {
        return factory;
    }

    public final boolean destroyed() {
        return destroyed;
    }

    @Override
    public final Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection to " + describe() + " is destroyed");
        }
        ConnectionHandle handle = newHandle();
        handle.attach(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public final void associateConnection(Object connection) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection to " + describe() + " is destroyed");
        }
        if (!(connection instanceof ConnectionHandle handle) || !handleType().isInstance(handle)) {
            throw new ResourceException("cannot associate " + (connection == null ? "null" : connection.getClass())
                    + " with a managed connection to " + describe());
        }
        ManagedConnectionBase was;
        try {
            was = handle.attach(this);
        } catch (RuntimeException e) {
            throw new ResourceException("cannot associate a closed handle with " + describe(), e);
        }
        if (was != null && was != this) {
            was.handles.remove(handle);
        }
        handles.add(handle);
    }

    /** Detaches every handle; they throw on use from now on. The managed connection may be reused. */
    @Override
    public void cleanup() {
        for (ConnectionHandle handle : handles) {
            handle.detach(this);
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        destroyed = true;
        cleanup();
        listeners.clear();
    }

    @Override
    public final void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public final void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public final XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Capa EE connections are not transactional (NoTransaction): no XA");
    }

    @Override
    public final LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Capa EE connections are not transactional (NoTransaction): no local transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ConnectionMetaData(describe(), "", "");
    }

    @Override
    public final void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public final PrintWriter getLogWriter() {
        return logWriter;
    }

    /** The class of the handles this hands out: the {@code connectionImpl} its factory's {@link ConnectionDefinition} names. */
    private Class<?> handleType() {
        ConnectionDefinition definition = factory.getClass().getAnnotation(ConnectionDefinition.class);
        return definition == null ? ConnectionHandle.class : definition.connectionImpl();
    }

    /** The number of handles currently associated; for tests and diagnostics. */
    public final int handleCount() {
        return handles.size();
    }

    /** Called by a handle on close: forget it, tell the container it may reuse this connection. */
    final void handleClosed(ConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }
}
