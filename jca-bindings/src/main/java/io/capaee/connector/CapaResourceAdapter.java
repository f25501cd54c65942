// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import io.capaee.connector.connect.ConnectorRuntime;
import io.capaee.connector.inbound.InboundEndpoints;
import io.capaee.connector.inbound.InboundEndpointsView;
import io.capaee.connector.inbound.WorkPacer;
import io.capaee.connector.inbound.webhook.WebhookInbox;
import io.capaee.connector.pubsub.SubscriptionLoops;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The resource adapter of Capa EE. It owns the shared clients that its managed connection
 * factories create lazily (the Redis pool, the Couchbase cluster) and closes them on
 * {@link #stop()}. Inbound activations (message-driven beans, kept by {@link InboundEndpoints}),
 * pub/sub subscriptions ({@link SubscriptionLoops}) and connectors run in short works on the
 * container's {@link WorkManager} ({@link WorkPacer}); they stop before the shared clients close.
 *
 * <p>Thread-safe: {@link #own} may be called from any thread while the adapter runs.
 */
@Connector(
        displayName = "Capa EE bindings",
        description = "Connections from Capa EE to external systems: key/value stores (memory, Redis),"
                + " document databases (Couchbase), output bindings (Kafka, NATS, JetStream, Redis, HTTP, memory)"
                + ", inbound sources for message-driven beans (NATS, JetStream, Kafka, Redis streams, cron)"
                + ", webhooks, mail, and Connect connectors (NATS, JetStream, NATS KV, Kafka, Redis streams, HTTP)",
        vendorName = "Capa EE",
        eisType = "Key/value stores, document databases, message brokers, HTTP",
        version = "0.1",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class CapaResourceAdapter implements ResourceAdapter {
    static final int DEFAULT_HTTP_PORT = 9080;
    private static final Logger LOG = Logger.getLogger(CapaResourceAdapter.class.getName());

    private final Object lock = new Object();
    private List<AutoCloseable> owned = new ArrayList<>(); // guarded by lock
    private boolean running; // guarded by lock
    private final InboundEndpoints inbound = new InboundEndpoints();
    private final InboundEndpointsView inboundView = new InboundEndpointsView(inbound);
    private final WebhookInbox webhooks = new WebhookInbox();
    private volatile ConnectorRuntime connectors;
    private volatile WorkPacer pacer;
    private volatile SubscriptionLoops subscriptions;

    @ConfigProperty(defaultValue = "", description = "This server's id in a group (capa.server.id); empty: <host name>-<httpPort>")
    private String serverId = "";

    @ConfigProperty(defaultValue = "9080", description = "This server's HTTP port, part of the default server id")
    private Integer httpPort = DEFAULT_HTTP_PORT;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        // unit tests start the adapter without a bootstrap context: then there is no work manager to run connectors on
        if (context != null) {
            try {
                pacer = new WorkPacer(context.getWorkManager(), context.createTimer());
            } catch (UnavailableException e) {
                throw new ResourceAdapterInternalException("the container has no timer for the adapter: " + e.getMessage(), e);
            }
            connectors = new ConnectorRuntime(pacer, Clock.systemUTC(), serverId());
            subscriptions = new SubscriptionLoops(pacer);
        }
        synchronized (lock) {
            running = true;
        }
        inboundView.register();
        LOG.info("Capa EE resource adapter started");
    }

    @Override
    public void stop() {
        inboundView.unregister();
        ConnectorRuntime active = connectors;
        if (active != null) {
            active.stopAll();
        }
        SubscriptionLoops loops = subscriptions;
        if (loops != null) {
            loops.stopAll();
        }
        inbound.stopAll();
        WorkPacer stopped = pacer;
        if (stopped != null) {
            stopped.close();
        }
        List<AutoCloseable> toClose;
        synchronized (lock) {
            running = false;
            toClose = owned;
            owned = new ArrayList<>();
        }
        for (AutoCloseable client : toClose) {
            closeQuietly(client);
        }
        LOG.log(Level.INFO, "Capa EE resource adapter stopped, {0} shared client(s) closed", toClose.size());
    }

    /**
     * Takes ownership of a shared client: it is closed when the adapter stops.
     *
     * @return {@code client}, for chaining
     * @throws BindingException when the adapter is not running; the client is closed then
     */
    public <T extends AutoCloseable> T own(T client) {
        synchronized (lock) {
            if (running) {
                owned.add(client);
                return client;
            }
        }
        closeQuietly(client);
        throw new BindingException("the Capa EE resource adapter is not running: cannot open " + client);
    }

    /**
     * The connector runtime (Connect connectors run as work of this adapter).
     *
     * @throws BindingException when the adapter was not started
     */
    public ConnectorRuntime connectors() {
        ConnectorRuntime runtime = connectors;
        if (runtime == null) {
            throw new BindingException("the Capa EE resource adapter is not started: no connector runtime");
        }
        return runtime;
    }

    /**
     * The running pub/sub subscriptions (they run as work of this adapter).
     *
     * @throws BindingException when the adapter was not started
     */
    public SubscriptionLoops subscriptions() {
        SubscriptionLoops loops = subscriptions;
        if (loops == null) {
            throw new BindingException("the Capa EE resource adapter is not started: no work manager for subscriptions");
        }
        return loops;
    }

    /**
     * Where the webhook connection factories hand checked requests to the webhook input binding: the
     * adapter is the one object both the outbound side (the factories, associated with it) and the
     * inbound side (the activation spec) reach, so the hand-over needs no static state and no JNDI
     * name of its own.
     */
    public WebhookInbox webhooks() {
        return webhooks;
    }

    /** This server among the servers of a group ({@link ServerId}). */
    public ServerId serverId() {
        return ServerId.of(serverId, httpPort == null ? DEFAULT_HTTP_PORT : httpPort);
    }

    public String getServerId() {
        return serverId;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }

    public Integer getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(Integer httpPort) {
        this.httpPort = httpPort;
    }

    /** True between {@link #start} and {@link #stop}. */
    public boolean running() {
        synchronized (lock) {
            return running;
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        WorkPacer active = pacer;
        if (active == null) {
            throw new ResourceException("the Capa EE resource adapter is not started: cannot activate "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        inbound.activate(endpointFactory, spec, active);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        inbound.deactivate(endpointFactory, spec);
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            // stop() must close every client even when one fails; the failure needs no operator
            LOG.log(Level.WARNING, "closing " + client + " failed", e);
        }
    }
}
