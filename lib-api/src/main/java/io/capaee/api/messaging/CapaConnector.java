// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.messaging;

import io.capaee.api.CapaException;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.messaging.spi.OutgoingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

/**
 * The Reactive Messaging connector {@code capa} (see the package documentation for its settings).
 * Incoming channels subscribe to the component {@code eis/capa/pubsub/NAME} once the application
 * runs; each waits on a thread of its own from the container's {@code ManagedThreadFactory}, never
 * on Liberty's default executor, which also serves HTTP requests. Outgoing messages are published on
 * the sending thread (a broker round trip) and acked once the broker has them, nacked if it failed.
 * Payloads: incoming {@code byte[]}; outgoing {@code byte[]} or {@code String} (UTF-8).
 */
@ApplicationScoped
@Connector(CapaConnector.NAME)
public class CapaConnector implements IncomingConnectorFactory, OutgoingConnectorFactory {
    public static final String NAME = "capa";
    static final long BIND_WAIT_SECONDS = 120;
    private static final Logger LOG = Logger.getLogger(CapaConnector.class.getName());

    private final List<TopicPublisher> incoming = new ArrayList<>(); // guarded by this
    private final Map<String, PubSubConnectionFactory> brokers = new ConcurrentHashMap<>();
    private Executor ownThreads; // guarded by this; set once the application runs

    @Override
    public PublisherBuilder<? extends Message<?>> getPublisherBuilder(Config config) {
        TopicPublisher topic = new TopicPublisher(ChannelSettings.of(config, appId()));
        synchronized (this) {
            incoming.add(topic);
            if (ownThreads != null) {
                begin(topic);
            }
        }
        return ReactiveStreams.fromPublisher(topic);
    }

    /**
     * Begins the incoming channels once the application starts. The components are bound by the EAR's
     * resource adapter, possibly after this event: each channel waits for its component on its own
     * managed thread, up to {@value #BIND_WAIT_SECONDS} s.
     */
    void applicationStarted(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        synchronized (this) {
            if (ownThreads != null) {
                return;
            }
            ManagedThreadFactory threads = lookup("java:comp/DefaultManagedThreadFactory", ManagedThreadFactory.class);
            ownThreads = task -> threads.newThread(task).start();
            incoming.forEach(this::begin);
        }
    }

    private void begin(TopicPublisher topic) {
        ownThreads.execute(() -> {
            ChannelSettings settings = topic.settings();
            try {
                topic.start(awaitBroker(settings.pubsub()), ownThreads);
                LOG.log(Level.INFO, "channel {0} reads topic {1} of pubsub {2} as group {3}",
                        new Object[] {settings.channel(), settings.topic(), settings.pubsub(), settings.group()});
            } catch (CapaException e) {
                LOG.log(Level.SEVERE, "channel " + settings.channel() + " stopped: " + e.getMessage(), e);
                topic.fail(e);
            }
        });
    }

    private PubSubConnectionFactory awaitBroker(String pubsub) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BIND_WAIT_SECONDS);
        while (true) {
            try {
                return broker(pubsub);
            } catch (CapaException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CapaException("channel start interrupted waiting for eis/capa/pubsub/" + pubsub, e);
            }
        }
    }

    @Override
    public SubscriberBuilder<? extends Message<?>, Void> getSubscriberBuilder(Config config) {
        ChannelSettings settings = ChannelSettings.of(config, appId());
        LOG.log(Level.INFO, "channel {0} writes topic {1} of pubsub {2}",
                new Object[] {settings.channel(), settings.topic(), settings.pubsub()});
        return ReactiveStreams.<Message<?>>builder().forEach(message -> publish(settings, message));
    }

    private void publish(ChannelSettings settings, Message<?> message) {
        try (PubSubConnection connection = broker(settings.pubsub()).getConnection()) {
            connection.publish(settings.topic(), bytes(settings, message.getPayload()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "channel " + settings.channel() + ": publishing to topic " + settings.topic() + " failed", e);
            message.nack(e);
            return;
        }
        message.ack();
    }

    static byte[] bytes(ChannelSettings settings, Object payload) {
        if (payload instanceof byte[] b) {
            return b;
        }
        if (payload instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("channel " + settings.channel() + " sends byte[] or String payloads, not "
                + (payload == null ? "null" : payload.getClass().getName()));
    }

    /** Looked up when first needed: the EAR's resource adapter binds the components after CDI has started. */
    private PubSubConnectionFactory broker(String pubsub) {
        return brokers.computeIfAbsent(pubsub, name -> lookup("eis/capa/pubsub/" + name, PubSubConnectionFactory.class));
    }

    private static String appId() {
        return ConfigProvider.getConfig().getValue("capa.app.id", String.class);
    }

    private static <T> T lookup(String jndiName, Class<T> type) {
        try {
            return type.cast(new InitialContext().lookup(jndiName));
        } catch (NamingException | ClassCastException e) {
            throw new CapaException("Reactive Messaging connector " + NAME + " cannot use " + jndiName + ": " + e.getMessage(), e);
        }
    }

    /** Stops the incoming channels' subscriptions with the application. */
    @PreDestroy
    synchronized void stop() {
        incoming.forEach(TopicPublisher::close);
    }
}
