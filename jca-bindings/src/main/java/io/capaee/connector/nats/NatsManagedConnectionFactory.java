// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import io.nats.client.Connection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import java.io.IOException;

/**
 * Base of the managed connection factories that reach NATS (the {@code nats} output binding, the file stores and
 * the RPC message bus): the NATS connection properties, kept in {@link NatsProperties}.
 */
public abstract class NatsManagedConnectionFactory<B> extends BackendManagedConnectionFactory<B> {
    private static final long serialVersionUID = 1L;

    private final NatsProperties nats = new NatsProperties();

    /** The NATS connection properties as set. */
    protected final NatsProperties nats() {
        return nats;
    }

    /**
     * A connection for a backend that all this factory's connections share, through
     * {@link NatsClients#connectInBackground} (it keeps trying when NATS is not up yet); the caller owns it.
     */
    protected final Connection connectShared(String connectionName) throws ResourceException {
        NatsSettings s = nats.settings();
        try {
            return NatsClients.connectInBackground(s, connectionName);
        } catch (IOException e) {
            throw new ResourceException("cannot connect to NATS " + s.servers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceException("interrupted connecting to NATS " + s.servers(), e);
        }
    }

    @ConfigProperty(defaultValue = NatsProperties.SERVERS, description = NatsProperties.SERVERS_HELP)
    public void setServers(String servers) {
        nats.setServers(servers);
    }

    public String getServers() {
        return nats.getServers();
    }

    @ConfigProperty(defaultValue = NatsProperties.TIMEOUT_MILLIS, description = NatsProperties.TIMEOUT_HELP)
    public void setTimeoutMillis(Integer timeoutMillis) {
        nats.setTimeoutMillis(timeoutMillis);
    }

    public Integer getTimeoutMillis() {
        return nats.getTimeoutMillis();
    }

    @ConfigProperty(defaultValue = "", confidential = true, description = NatsProperties.TOKEN_HELP)
    public void setToken(String token) {
        nats.setToken(token);
    }

    public String getToken() {
        return nats.getToken();
    }
}
