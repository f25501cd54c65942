// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import io.capaee.api.rpc.RpcServer;
import io.capaee.api.rpc.RpcService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** The RPC services of this server: the built-in {@code capa.Gateway} and every {@link RpcService} bean. */
@ApplicationScoped
public class RpcServices {
    private static final Logger LOG = Logger.getLogger(RpcServices.class.getName());

    @Inject
    RpcConfig config;

    @Inject
    Instance<RpcService> beans;

    private final RpcServer server = new RpcServer();
    private final List<RpcService> services = new ArrayList<>();

    @PostConstruct
    void start() {
        add(new GatewayService(config.appId(), () -> server, () -> List.copyOf(services)));
        for (RpcService s : beans) {
            add(s);
        }
    }

    private synchronized void add(RpcService s) {
        server.register(s.name(), s.iface(), s.handler());
        services.add(s);
        LOG.info(() -> "RPC service '" + s.name() + "' (" + s.iface().qualifiedName() + ") at /v1.0-alpha1/rpc/" + s.name());
    }

    public RpcServer server() {
        return server;
    }

    public synchronized List<RpcService> services() {
        return List.copyOf(services);
    }
}
