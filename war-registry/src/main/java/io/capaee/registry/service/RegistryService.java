// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.service;

import io.capaee.api.registry.FileModuleStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry's store and limit, from configuration. The defaults live in server.xml only
 * ({@code capa.registry.directory}, {@code capa.registry.max-module-bytes}): without them the WAR does not
 * start, and the deployment error names the missing key.
 */
@ApplicationScoped
public class RegistryService {
    private static final Logger LOG = Logger.getLogger(RegistryService.class.getName());

    @Inject
    @ConfigProperty(name = "capa.registry.directory")
    String directory;

    @Inject
    @ConfigProperty(name = "capa.registry.max-module-bytes")
    long maxModuleBytes;

    private FileModuleStore store;

    @PostConstruct
    void start() {
        if (maxModuleBytes <= 0) {
            throw new IllegalStateException("capa.registry.max-module-bytes must be positive, was " + maxModuleBytes);
        }
        store = new FileModuleStore(Path.of(directory));
        LOG.info(() -> "wasm module registry in " + store.root() + ", modules up to " + maxModuleBytes + " bytes");
    }

    public FileModuleStore store() {
        return store;
    }

    public long maxModuleBytes() {
        return maxModuleBytes;
    }
}
