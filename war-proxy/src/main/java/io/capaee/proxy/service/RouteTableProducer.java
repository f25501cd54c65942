// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.RouteTable;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The route table of this WAR: the resource adapter's key/value store (one store per server with
 * {@code memory}, shared by all servers with {@code redis}) at {@code capa.proxy.routes-key}.
 */
@ApplicationScoped
public class RouteTableProducer {
    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    /**
     * {@code @Singleton}, not {@code @ApplicationScoped}: one instance all the same (it is
     * thread-safe and lives as long as the WAR), but injected as itself, without a client proxy
     * whose lookup showed in the proxy's profile on every request.
     */
    @Produces
    @Singleton
    RouteTable routeTable() {
        return KeyValueRouteTable.fromConfig(keyValue);
    }
}
