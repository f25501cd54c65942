// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.capaee.api.registry.ModuleStoreConnection;
import io.capaee.api.registry.ModuleStoreConnectionFactory;
import io.capaee.api.registry.RegistryException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link ModuleStoreConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class ModuleStoreConnectionFactoryImpl extends ConnectionFactoryBase<ModuleStoreConnection>
        implements ModuleStoreConnectionFactory {
    private static final long serialVersionUID = 1L;

    ModuleStoreConnectionFactoryImpl(ModuleStoreManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, ModuleStoreConnection.class, (message, cause) -> new RegistryException(RegistryException.Reason.STORAGE, message, cause));
    }
}
