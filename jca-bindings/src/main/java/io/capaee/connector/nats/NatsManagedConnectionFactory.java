// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;

/**
 * Base of the managed connection factories that reach NATS (the {@code nats} output binding and
 * the RPC message bus): the NATS connection properties, kept in {@link NatsProperties}.
 */
public abstract class NatsManagedConnectionFactory<B> extends BackendManagedConnectionFactory<B> {
    private static final long serialVersionUID = 1L;

    private final NatsProperties nats = new NatsProperties();

    /** The NATS connection properties as set. */
    protected final NatsProperties nats() {
        return nats;
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
