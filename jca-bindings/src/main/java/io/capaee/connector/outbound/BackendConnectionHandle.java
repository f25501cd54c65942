// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import java.util.function.Function;

/**
 * Base of the store handles: the backend {@code B} of the managed connection the handle is on,
 * and the API's exception ({@code invalid}, given the problem) for a call on an invalid handle.
 */
public abstract class BackendConnectionHandle<B> extends ConnectionHandle {
    private final Function<String, ? extends RuntimeException> invalid;

    protected BackendConnectionHandle(Function<String, ? extends RuntimeException> invalid) {
        this.invalid = invalid;
    }

    /** The shared backend; throws the API's exception when this handle is closed or detached. */
    @SuppressWarnings("unchecked")
    protected final B backend() {
        return ((BackendManagedConnection<B>) owner()).backend();
    }

    @Override
    protected final RuntimeException invalid(String problem) {
        return invalid.apply(problem);
    }
}
