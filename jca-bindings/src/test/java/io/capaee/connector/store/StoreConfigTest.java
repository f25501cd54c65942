// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.configuration.ConfigurationManagedConnectionFactory;
import io.capaee.connector.state.StateManagedConnectionFactory;
import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

/** Bad store config fails when the connection factory is created, naming the property. */
class StoreConfigTest {
    @Test
    void badValuesAreRefusedNamingTheProperty() throws Exception {
        CapaResourceAdapter adapter = new CapaResourceAdapter();
        StateManagedConnectionFactory state = new StateManagedConnectionFactory();
        state.setResourceAdapter(adapter);
        state.setAppId("a||b");
        assertTrue(assertThrows(InvalidPropertyException.class, state::createConnectionFactory).getMessage().contains("appId"));
        state.setAppId("app");
        state.setBackend("mongo");
        assertTrue(assertThrows(InvalidPropertyException.class, state::createConnectionFactory).getMessage().contains("backend"));
        state.setBackend("redis");
        state.setPort(0);
        assertTrue(assertThrows(InvalidPropertyException.class, state::createConnectionFactory).getMessage().contains("port"));

        ConfigurationManagedConnectionFactory config = new ConfigurationManagedConnectionFactory();
        config.setResourceAdapter(adapter);
        assertTrue(assertThrows(InvalidPropertyException.class, config::createConnectionFactory).getMessage().contains("redis"));
    }
}
