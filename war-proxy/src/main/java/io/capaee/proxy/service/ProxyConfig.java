// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.routes.KeyValueRouteTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code proxy.*} configuration (server.xml variables, environment); every default is here once. */
@ApplicationScoped
public class ProxyConfig {
    @Inject
    @ConfigProperty(name = "proxy.routes-file", defaultValue = "")
    Optional<String> routesFile;

    @Inject
    @ConfigProperty(name = "proxy.routes-key", defaultValue = KeyValueRouteTable.DEFAULT_KEY)
    String routesKey;

    @Inject
    @ConfigProperty(name = "proxy.routes-refresh", defaultValue = "PT0.25S")
    Duration routesRefresh;

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

    public String routesKey() {
        return routesKey;
    }

    public Duration routesRefresh() {
        return routesRefresh;
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
