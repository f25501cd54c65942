// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import io.capaee.api.rpc.MessageBusFactory;
import io.capaee.api.rpc.nats.NatsRpc;
import io.capaee.api.tracing.Traces;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves this server's RPC services over NATS when {@code capa.rpc.nats.enabled=true}: requests on
 * {@code {capa.rpc.nats.prefix}.svc.{service}}, answered on managed threads of its own (at most
 * {@value #MAX_THREADS} calls at once). The NATS
 * connection is the resource adapter's: the {@link MessageBusFactory} at {@value #JNDI_NAME}
 * (server.xml {@code <connectionFactory id="rpc-nats">}), a connection per operation; the
 * subscriptions live on its shared jnats connection until the application stops.
 */
@ApplicationScoped
public class NatsRpcEndpoint {
    static final String JNDI_NAME = "eis/capa/rpc/nats";
    /** Calls answered at once; one more is refused (its caller times out) rather than queued without bound. */
    static final int MAX_THREADS = 64;
    private static final Logger LOG = Logger.getLogger(NatsRpcEndpoint.class.getName());

    @Inject
    @ConfigProperty(name = "capa.rpc.nats.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "capa.rpc.nats.prefix")
    String prefix;

    @Inject
    @ConfigProperty(name = "capa.rpc.nats.timeout")
    Duration timeout;

    @Inject
    RpcConfig config;

    @Inject
    RpcServices services;

    @Inject
    Traces traces;

    // answering threads of our own: the shared default executor also runs the resource adapter's
    // inbound loops and HTTP requests, and RPC calls queued behind those went unanswered under load
    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor executor;

    private NatsRpc rpc;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            return;
        }
        try {
            MessageBusFactory factory = InitialContext.doLookup(JNDI_NAME);
            executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
            rpc = new NatsRpc(factory.perOperation(), new NatsRpc.Settings(prefix, timeout, NatsRpc.Settings.defaults().capabilityIdle(),
                    config.strict()), executor, traces);
            for (String name : services.server().names()) {
                rpc.serve(services.server(), name);
                LOG.info(() -> "RPC service '" + name + "' on NATS subject " + rpc.serviceSubject(name));
            }
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.SEVERE, "RPC over NATS is not available: capa.rpc.nats.enabled=true needs a connectionFactory"
                    + " with jndiName=\"" + JNDI_NAME + "\" (properties.capa-ee.jca-bindings.MessageBusFactory) in server.xml", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "RPC over NATS is not available: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        if (rpc != null) {
            rpc.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
