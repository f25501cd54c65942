// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.RouteTable;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The route table of this WAR: the resource adapter's key/value store (one store per server with
 * {@code memory}, shared by all servers with {@code redis}) at {@code proxy.routes-key}.
 */
@ApplicationScoped
public class RouteTableProducer {
    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return KeyValueRouteTable.fromConfig(keyValue);
    }
}
