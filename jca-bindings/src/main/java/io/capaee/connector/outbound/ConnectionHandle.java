// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

/**
 * Base of the application-facing connection handles. A handle is associated with at most one
 * managed connection at a time; it is invalid once closed or once the container detached it
 * ({@code cleanup()}), and then every call throws the API's exception. Thread-safe, though the API
 * asks for one handle per unit of work.
 */
public abstract class ConnectionHandle implements AutoCloseable {
    private final Object lock = new Object();
    private ManagedConnectionBase owner; // guarded by lock
    private boolean closed; // guarded by lock

    /** The managed connection this handle delegates to; throws {@link #invalid} when there is none. */
    protected final ManagedConnectionBase owner() {
        synchronized (lock) {
            if (closed) {
                throw invalid("the connection handle is closed");
            }
            if (owner == null) {
                throw invalid("the connection handle was detached by the container and can no longer be used");
            }
            return owner;
        }
    }

    /** The API exception for a call on an invalid handle. */
    protected abstract RuntimeException invalid(String problem);

    /** Gives the handle back: the owning managed connection fires CONNECTION_CLOSED. Idempotent. */
    @Override
    public void close() {
        ManagedConnectionBase was;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            was = owner;
            owner = null;
        }
        if (was != null) {
            was.handleClosed(this);
        }
    }

    /** Moves this handle to {@code next}; returns the previous owner, or null. */
    final ManagedConnectionBase attach(ManagedConnectionBase next) {
        synchronized (lock) {
            if (closed) {
                throw invalid("the connection handle is closed");
            }
            ManagedConnectionBase was = owner;
            owner = next;
            return was;
        }
    }

    /** Detaches the handle without firing events (container cleanup). */
    final void detach(ManagedConnectionBase from) {
        synchronized (lock) {
            if (owner == from) {
                owner = null;
            }
        }
    }
}
