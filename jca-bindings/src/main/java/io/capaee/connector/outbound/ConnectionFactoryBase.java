// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.util.function.BiFunction;

/**
 * Base of the connection factories bound in JNDI: hands out handles of type {@code C} through the
 * container's connection manager, and turns a refusal into the API's exception ({@code error},
 * given the message and the cause). A subclass only names the API's factory interface, whose
 * {@code getConnection()} this implements.
 */
public abstract class ConnectionFactoryBase<C> extends JndiBoundFactory {
    private static final long serialVersionUID = 1L;

    private final ManagedConnectionFactoryBase factory;
    private final ConnectionManager manager;
    private final Class<C> type;
    private final transient BiFunction<String, Throwable, RuntimeException> error;

    protected ConnectionFactoryBase(ManagedConnectionFactoryBase factory, ConnectionManager manager, Class<C> type,
            BiFunction<String, Throwable, RuntimeException> error) {
        this.factory = factory;
        this.manager = manager;
        this.type = type;
        this.error = error;
    }

    /** A new handle from the container. */
    public final C getConnection() {
        try {
            return type.cast(manager.allocateConnection(factory, null));
        } catch (ResourceException e) {
            throw error.apply("cannot get a connection to " + factory.describe() + ": " + e.getMessage(), e);
        }
    }

    /** What the connections reach, e.g. {@code memory} or {@code redis 127.0.0.1:6379/0}; never a secret. */
    public final String describe() {
        return factory.describe();
    }
}
