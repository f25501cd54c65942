// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import io.capaee.api.rpc.nats.NatsRpc;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves this server's RPC services over NATS when {@code rpc.nats.enabled=true}: requests on
 * {@code {rpc.nats.prefix}.svc.{service}}, answered on container-managed threads. For now it
 * opens its own connection to {@code capa.nats.servers}; it is meant to take it from the
 * resource adapter's NATS connection factory once that exists.
 */
@ApplicationScoped
public class NatsRpcEndpoint {
    private static final Logger LOG = Logger.getLogger(NatsRpcEndpoint.class.getName());

    @Inject
    @ConfigProperty(name = "rpc.nats.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "capa.nats.servers", defaultValue = "nats://127.0.0.1:4222")
    String servers;

    @Inject
    @ConfigProperty(name = "rpc.nats.prefix", defaultValue = "capa.rpc")
    String prefix;

    @Inject
    @ConfigProperty(name = "rpc.nats.timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    RpcServices services;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private Connection connection;
    private NatsRpc rpc;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            return;
        }
        try {
            connection = Nats.connect(new Options.Builder().servers(servers.split(",")).connectionName("capa-rpc")
                    .maxReconnects(-1).build());
            rpc = new NatsRpc(connection, NatsRpc.Settings.defaults().withPrefix(prefix).withTimeout(timeout), executor);
            for (String name : services.server().names()) {
                rpc.serve(services.server(), name);
                LOG.info(() -> "RPC service '" + name + "' on NATS subject " + rpc.serviceSubject(name));
            }
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "RPC over NATS is not available: cannot connect to " + servers, e);
        }
    }

    @PreDestroy
    void stop() {
        if (rpc != null) {
            rpc.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
