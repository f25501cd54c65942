// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.nats.NatsProperties;
import io.capaee.connector.nats.NatsSettings;
import jakarta.resource.spi.ConfigProperty;

/**
 * Base of the activation specs that read from NATS (core and JetStream): the NATS connection
 * properties {@code servers}, {@code token} and {@code timeoutMillis}.
 */
public abstract class NatsConnectedActivationSpec extends InboundActivationSpec {
    private final NatsProperties nats = new NatsProperties();

    /** The checked connection settings; a bad value throws naming its property. */
    protected final NatsSettings settings() {
        return nats.settings();
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
