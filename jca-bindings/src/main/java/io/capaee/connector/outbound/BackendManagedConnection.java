// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.function.Supplier;

/** A logical connection on a store factory's shared backend {@code B}. */
public final class BackendManagedConnection<B> extends ManagedConnectionBase {
    private final B backend;
    private final String description;
    private final Supplier<? extends ConnectionHandle> handles;

    public BackendManagedConnection(ManagedConnectionFactory factory, B backend, String description,
            Supplier<? extends ConnectionHandle> handles) {
        super(factory);
        this.backend = backend;
        this.description = description;
        this.handles = handles;
    }

    public B backend() {
        return backend;
    }

    @Override
    protected ConnectionHandle newHandle() {
        return handles.get();
    }

    @Override
    protected String describe() {
        return description;
    }
}
