// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

/**
 * Base of the {@link SharedBackend}s that know they are closed by a flag of their own: the first
 * {@link #close()} sets it and then {@link #release() releases} what the backend holds.
 */
public abstract class SharedBackendBase implements SharedBackend {
    private volatile boolean closed;

    /** Closes the backend's clients; called by {@link #close()}, after {@link #closed()} turned true. */
    protected abstract void release();

    @Override
    public final boolean closed() {
        return closed;
    }

    @Override
    public final void close() {
        closed = true;
        release();
    }
}
