// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleStoreConnection;
import io.capaee.api.registry.RegistryException;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link ModuleStoreConnection} an application holds: the operations of the factory's one store. */
public final class ModuleStoreConnectionHandle extends BackendConnectionHandle<ModuleStore> implements ModuleStoreConnection {
    ModuleStoreConnectionHandle() {
        super(problem -> new RegistryException(RegistryException.Reason.STORAGE, problem));
    }

    @Override
    public ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, Supplier<String> info, boolean replace, long maxBytes) {
        return backend().put(coordinates, wasm, info, replace, maxBytes);
    }

    @Override
    public Optional<ModuleRecord> find(ModuleCoordinates coordinates) {
        return backend().find(coordinates);
    }

    @Override
    public InputStream open(ModuleCoordinates coordinates) {
        return backend().open(coordinates);
    }

    @Override
    public List<ModuleRecord> list(Optional<String> org, Optional<String> name) {
        return backend().list(org, name);
    }

    @Override
    public boolean delete(ModuleCoordinates coordinates) {
        return backend().delete(coordinates);
    }
}
