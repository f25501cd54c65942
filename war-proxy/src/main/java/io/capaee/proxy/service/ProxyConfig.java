// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code capa.proxy.*} configuration of forwarding (server.xml variables, environment); every
 * default is in server.xml, once. The route table's own keys ({@code capa.proxy.routes-key},
 * {@code capa.proxy.routes-refresh}) are read by {@link io.capaee.api.routes.RouteTableProducer}.
 */
@ApplicationScoped
public class ProxyConfig {
    @Inject
    @ConfigProperty(name = "capa.proxy.routes-file")
    Optional<String> routesFile;

    @Inject
    @ConfigProperty(name = "capa.proxy.connect-timeout")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "capa.proxy.response-timeout")
    Duration responseTimeout;

    @Inject
    @ConfigProperty(name = "capa.proxy.unhealthy-for")
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
