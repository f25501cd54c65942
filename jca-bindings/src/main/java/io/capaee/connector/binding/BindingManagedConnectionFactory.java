// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import jakarta.resource.ResourceException;

/**
 * Base of the output-binding managed connection factories: one {@link BindingTransport}, owned by
 * the resource adapter, shared by all the factory's managed connections (see
 * {@link BackendManagedConnectionFactory} for when the config is checked and the transport opened).
 */
public abstract class BindingManagedConnectionFactory extends BackendManagedConnectionFactory<BindingTransport> {
    private static final long serialVersionUID = 1L;

    /** Opens the transport for the current config (called after {@link #validate()}). */
    protected abstract BindingTransport openTransport();

    @Override
    protected final BindingTransport openBackend() {
        return adapter().own(openTransport());
    }

    @Override
    protected final boolean closed(BindingTransport transport) {
        return transport.closed();
    }

    /** The shared transport, opened on first use and again after the adapter closed it. */
    public final BindingTransport transport() throws ResourceException {
        return backend();
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
