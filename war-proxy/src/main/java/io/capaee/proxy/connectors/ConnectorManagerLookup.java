// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The adapter's connector manager ({@code eis/capa/connectors}), looked up once. It is looked up
 * when the application starts, because that is when the container creates the factory and the
 * factory deploys the connector files server.xml names.
 */
@ApplicationScoped
public class ConnectorManagerLookup {
    static final String JNDI_NAME = "eis/capa/connectors";
    private static final Logger LOG = Logger.getLogger(ConnectorManagerLookup.class.getName());

    private volatile ConnectorManager manager;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            manager();
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.WARNING, "no connector manager at {0}: connectors are off ({1})", new Object[] {JNDI_NAME, e.getMessage()});
        }
    }

    ConnectorManager manager() throws NamingException {
        ConnectorManager found = manager;
        if (found == null) {
            found = InitialContext.doLookup(JNDI_NAME);
            manager = found;
        }
        return found;
    }
}
