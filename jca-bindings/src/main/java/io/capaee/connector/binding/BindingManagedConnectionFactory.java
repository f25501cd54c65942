// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import jakarta.resource.ResourceException;

/**
 * Base of the output-binding managed connection factories whose system has no connection
 * properties of the adapter's own ({@code http}, {@code memory}, {@code kafka}); the {@code redis}
 * and {@code nats} bindings extend their system's base instead. Every binding factory is a
 * {@link BackendManagedConnectionFactory} of a {@link BindingTransport}: one transport, owned by the
 * resource adapter, shared by all the factory's managed connections.
 */
public abstract class BindingManagedConnectionFactory extends BackendManagedConnectionFactory<BindingTransport> {
    private static final long serialVersionUID = 1L;

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
