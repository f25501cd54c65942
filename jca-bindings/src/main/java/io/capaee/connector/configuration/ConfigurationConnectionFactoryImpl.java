// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.api.configuration.ConfigurationException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link ConfigurationConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class ConfigurationConnectionFactoryImpl implements ConfigurationConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final ConfigurationManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    ConfigurationConnectionFactoryImpl(ConfigurationManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public ConfigurationConnection getConnection() {
        try {
            return (ConfigurationConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new ConfigurationException("cannot get a configuration store connection (" + factory.describe() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return factory.describe();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
