// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.api.jobs.JobScheduler;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.actors.DaprActors;
import io.capaee.api.metrics.BindingMetrics;
import io.capaee.proxy.bindings.OutputBindings;
import io.capaee.proxy.configuration.ConfigurationApi;
import io.capaee.proxy.component.MetadataContributor;
import io.capaee.proxy.invoke.ServiceInvoker;
import io.capaee.proxy.lock.Locks;
import io.capaee.proxy.metadata.MetadataAttributes;
import io.capaee.proxy.metadata.MetadataSnapshot;
import io.capaee.proxy.pubsub.Publisher;
import io.capaee.proxy.pubsub.Subscriptions;
import io.capaee.proxy.secrets.SecretReader;
import io.capaee.proxy.shutdown.ServerShutdown;
import io.capaee.proxy.state.StateStores;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves Dapr's gRPC API ({@link DaprService}) on {@code capa.grpc.port} while the application runs. Calls run on
 * the container's threads ({@link ManagedThreadFactory}), so they see the application's CDI, JNDI and
 * configuration as a request does: at most {@value #MAX_THREADS} at once, further calls wait their turn. The
 * network's event loops are Netty's own daemon threads: they only move bytes, and the server binds its port on
 * them while the application is still starting, when Liberty does not yet run the application's managed
 * threads (binding on one hung the start). A port that cannot be bound leaves the rest of the server working
 * and says so in the log, naming the keys.
 */
@ApplicationScoped
public class GrpcServer {
    @Inject
    BindingMetrics bindingMetrics;

    static final int MAX_THREADS = 64;
    private static final Logger LOG = Logger.getLogger(GrpcServer.class.getName());

    @Inject
    @ConfigProperty(name = "capa.grpc.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "capa.grpc.host")
    String host;

    @Inject
    @ConfigProperty(name = "capa.grpc.port")
    int port;

    @Inject
    @ConfigProperty(name = "capa.dapr.max-body-bytes")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(name = "capa.app.id")
    String appId;

    @Inject
    StateStores state;

    @Inject
    Publisher publisher;

    @Inject
    Subscriptions subscriptions;

    @Inject
    SecretReader secrets;

    @Inject
    Locks locks;

    @Inject
    DaprActors actors;

    @Inject
    ConfigurationApi configuration;

    @Inject
    ServiceInvoker invoker;

    // another module's bean: named, not left to the container's matching by interface
    @EJB(lookup = "java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.jobs.JobScheduler")
    JobScheduler jobs;

    @Inject
    Instance<MetadataContributor> contributors;

    @Inject
    MetadataAttributes attributes;

    @Inject
    ServerShutdown shutdown;

    @Inject
    Traces traces;

    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor executor;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Server server;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            LOG.info("Dapr gRPC API off (capa.grpc.enabled=false)");
            return;
        }
        GrpcSettings settings;
        try {
            settings = new GrpcSettings(enabled, host, port, maxBodyBytes);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "Dapr gRPC API not started: {0}", e.getMessage());
            return;
        }
        var service = DaprService.of(List.of(new StateCalls(state), new PublishCalls(publisher),
                new StreamSubscriptionCalls(subscriptions::stream), new BindingCalls((name, request) -> OutputBindings.invoke(name, request, bindingMetrics, traces)),
                new SecretCalls(secrets), new LockCalls(locks), new MetadataCalls(appId, () -> MetadataSnapshot.of(contributors), attributes),
                new ActorCalls(actors), new ConfigurationCalls(configuration), new InvokeCalls(invoker), new JobCalls(jobs),
                new ShutdownCalls(shutdown)));
        executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("capa-grpc-accept", true));
        workers = new NioEventLoopGroup(2, new DefaultThreadFactory("capa-grpc-io", true));
        CurrentPolicy policy = new CurrentPolicy();
        try {
            server = NettyServerBuilder.forAddress(settings.address())
                    .channelType(NioServerSocketChannel.class)
                    .bossEventLoopGroup(boss)
                    .workerEventLoopGroup(workers)
                    .executor(executor)
                    .maxInboundMessageSize(settings.maxInboundMessageSize())
                    // the last interceptor runs first: the span covers the access check, and a refusal is traced
                    .addService(ServerInterceptors.intercept(service, new GrpcAccess(policy::get), new GrpcTraces(traces)))
                    .build()
                    .start();
            LOG.info(() -> "Dapr gRPC API (dapr.proto.runtime.v1.Dapr) on " + settings.host() + ":" + server.getPort());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Dapr gRPC API not started: cannot listen on " + settings.host() + ":" + settings.port()
                    + " (capa.grpc.host, capa.grpc.port): " + e.getMessage(), e);
            stop();
        }
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
