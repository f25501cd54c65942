// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.api.configuration.ConfigurationException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link ConfigurationConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class ConfigurationConnectionFactoryImpl extends ConnectionFactoryBase<ConfigurationConnection> implements ConfigurationConnectionFactory {
    private static final long serialVersionUID = 1L;

    ConfigurationConnectionFactoryImpl(ConfigurationManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, ConfigurationConnection.class, ConfigurationException::new);
    }
}
