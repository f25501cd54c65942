// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.RouteTable;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * The route table of this WAR: the key/value store of the resource adapter (one store per
 * server with {@code memory}, shared by all servers with {@code redis}) at {@code proxy.routes-key}.
 */
@ApplicationScoped
public class RouteTableProducer {
    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Inject
    ProxyConfig config;

    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return new KeyValueRouteTable(keyValue, config.routesKey(), config.routesRefresh());
    }
}
