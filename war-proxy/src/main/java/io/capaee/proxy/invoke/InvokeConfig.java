// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.api.config.SelfUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code capa.invoke.*} configuration (server.xml variables); timeouts and retries are Fault Tolerance's keys. */
@ApplicationScoped
public class InvokeConfig {
    @Inject
    @ConfigProperty(name = "capa.app.id")
    String appId;

    @Inject
    @ConfigProperty(name = "capa.invoke.self-url")
    Optional<String> selfUrl;

    @Inject
    @ConfigProperty(name = "http.port")
    int httpPort;

    @Inject
    @ConfigProperty(name = "capa.invoke.apps")
    Optional<String> apps;

    @Inject
    @ConfigProperty(name = "capa.invoke.registry")
    String registry;

    @Inject
    @ConfigProperty(name = "capa.invoke.registry-key")
    String registryKey;

    @Inject
    @ConfigProperty(name = "capa.invoke.registry-ttl")
    Duration registryTtl;

    @Inject
    @ConfigProperty(name = "capa.invoke.api-token")
    Optional<String> apiToken;

    public String appId() {
        return appId;
    }

    /** Where other servers reach this one; by default {@code http://localhost:${http.port}}. */
    public String selfUrl() {
        return SelfUrl.of(selfUrl, String.valueOf(httpPort));
    }

    /** {@code id=url,id=url}: app ids resolved without the registry. */
    public String apps() {
        return apps.orElse("");
    }

    /**
     * The Dapr API token this server presents to the apps it invokes ({@code capa.invoke.api-token}): another
     * Capa EE server's {@code capa.dapr.api-token}, so that its APIs take calls relayed from here. The
     * caller's own token is never passed on.
     */
    public Optional<String> apiToken() {
        return apiToken.map(String::trim).filter(t -> !t.isEmpty());
    }

    /** Whether this server registers itself in, and resolves from, the Redis registry. */
    public boolean redisRegistry() {
        return "redis".equalsIgnoreCase(registry.trim());
    }

    public String registryKey() {
        return registryKey;
    }

    public Duration registryTtl() {
        return registryTtl;
    }
}
