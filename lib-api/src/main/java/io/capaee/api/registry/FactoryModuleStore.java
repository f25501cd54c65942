// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link ModuleStore} of a {@link ModuleStoreConnectionFactory}, one handle per operation: what
 * the registry WAR and the worker inject, so that neither holds a connection between requests.
 */
public final class FactoryModuleStore implements ModuleStore {
    private final ModuleStoreConnectionFactory factory;

    public FactoryModuleStore(ModuleStoreConnectionFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** What the store runs on; never a secret. */
    public String describe() {
        return factory.describe();
    }

    @Override
    public ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, Supplier<String> info, boolean replace, long maxBytes) {
        return with(s -> s.put(coordinates, wasm, info, replace, maxBytes));
    }

    @Override
    public Optional<ModuleRecord> find(ModuleCoordinates coordinates) {
        return with(s -> s.find(coordinates));
    }

    @Override
    public InputStream open(ModuleCoordinates coordinates) {
        return with(s -> s.open(coordinates));
    }

    @Override
    public List<ModuleRecord> list(Optional<String> org, Optional<String> name) {
        return with(s -> s.list(org, name));
    }

    @Override
    public boolean delete(ModuleCoordinates coordinates) {
        return with(s -> s.delete(coordinates));
    }

    private <T> T with(Function<ModuleStoreConnection, T> operation) {
        try (ModuleStoreConnection connection = factory.getConnection()) {
            return operation.apply(connection);
        }
    }
}
