// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.service;

import io.capaee.api.registry.FactoryModuleStore;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleStoreConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry's store and limit. The store is the resource adapter's {@code eis/capa/registry}
 * ({@code capa.registry.backend}: a directory of this server, or a JetStream bucket every server
 * shares), the one the worker deploys from too. The limit's default lives in server.xml only
 * ({@code capa.registry.max-module-bytes}): without it the WAR does not start, and the deployment
 * error names the missing key.
 */
@ApplicationScoped
public class RegistryService {
    private static final Logger LOG = Logger.getLogger(RegistryService.class.getName());

    @Resource(lookup = "eis/capa/registry")
    ModuleStoreConnectionFactory factory;

    @Inject
    @ConfigProperty(name = "capa.registry.max-module-bytes")
    long maxModuleBytes;

    private FactoryModuleStore store;

    @PostConstruct
    void start() {
        if (maxModuleBytes <= 0) {
            throw new IllegalStateException("capa.registry.max-module-bytes must be positive, was " + maxModuleBytes);
        }
        store = new FactoryModuleStore(factory);
        LOG.info(() -> "wasm module registry on " + store.describe() + ", modules up to " + maxModuleBytes + " bytes");
    }

    public ModuleStore store() {
        return store;
    }

    public long maxModuleBytes() {
        return maxModuleBytes;
    }
}
