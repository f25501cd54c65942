// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code proxy.*} configuration of forwarding (server.xml variables, environment); every
 * default is here once. The route table's own keys ({@code proxy.routes-key},
 * {@code proxy.routes-refresh}) are read by {@link io.capaee.api.routes.RouteTableProducer}.
 */
@ApplicationScoped
public class ProxyConfig {
    @Inject
    @ConfigProperty(name = "proxy.routes-file", defaultValue = "")
    Optional<String> routesFile;

    @Inject
    @ConfigProperty(name = "proxy.connect-timeout", defaultValue = "PT2S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "proxy.response-timeout", defaultValue = "PT30S")
    Duration responseTimeout;

    @Inject
    @ConfigProperty(name = "proxy.unhealthy-for", defaultValue = "PT10S")
    Duration unhealthyFor;

    /** The Capsule {@code config.yaml} to load at start; empty: none. */
    public Optional<String> routesFile() {
        return routesFile.map(String::trim).filter(s -> !s.isEmpty());
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    public Duration unhealthyFor() {
        return unhealthyFor;
    }
}
