// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.DesiredStates;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.registry.FactoryModuleStore;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleStoreConnectionFactory;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.RouteTable;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * What the worker shares with the other WARs without importing them: the registry's store (the
 * resource adapter's {@code eis/capa/registry}, a directory of this server or a JetStream bucket every
 * server shares, {@code capa.registry.backend}), the proxy's route table (the resource adapter's
 * key/value store at {@code capa.proxy.routes-key}) and the desired state ({@code capa.desired-state.*}).
 */
@ApplicationScoped
public class FaasWiring {
    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Resource(lookup = "eis/capa/registry")
    ModuleStoreConnectionFactory modules;

    @Produces
    @ApplicationScoped
    ModuleStore moduleStore() {
        return new FactoryModuleStore(modules);
    }

    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return KeyValueRouteTable.fromConfig(keyValue);
    }

    @Produces
    @ApplicationScoped
    DesiredState desiredState() {
        return DesiredStates.fromConfig(keyValue);
    }
}
