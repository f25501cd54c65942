// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.actors.InvalidTargetException;
import io.capaee.api.metrics.PubSubMetrics;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.api.tracing.Traces;
import io.capaee.grpc.AppCallbackChannels;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import io.capaee.proxy.component.SubscriptionInfo;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.forward.BlockingHttpClient;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The app's running subscriptions: those declared in configuration, started with the application,
 * and those the app lists at {@code GET APP/dapr/subscribe} (or, with {@code capa.app.protocol=grpc}, its
 * {@code AppCallback.ListTopicSubscriptions}), asked every
 * {@code capa.pubsub.discovery-interval} (subscriptions it no longer lists are stopped). Each runs
 * in turns on the resource adapter's work manager, with the consumer group {@code capa.app.id} and
 * the retry policy {@code capa.pubsub.*} ({@link Delivery} makes one attempt at a time); all stop
 * when the application stops. Streaming subscriptions ({@code SubscribeTopicEventsAlpha1}) run here too, with the
 * same group and policy, from their stream's start to its end ({@link #stream}). Also the pub/sub part of
 * {@code /v1.0/metadata}.
 */
@ApplicationScoped
public class Subscriptions implements MetadataContributor {
    private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    // deliveries run on the resource adapter's work manager: with this application's context (class
    // loader, naming), as they would on its own threads
    @Resource
    ContextService contexts;

    @Inject
    JndiComponents components;

    @Inject
    AppCallbackChannels appCallbacks;

    @Inject
    Traces traces;

    @Inject
    PubSubMetrics metrics;

    private final Map<String, Running> running = new LinkedHashMap<>(); // guarded by this
    private final Map<Long, Running> streams = new LinkedHashMap<>(); // guarded by this: by connection number
    private long streamsStarted; // guarded by this
    private int streamsStarting; // guarded by this: streams being subscribed, which count against the bound
    private int maxStreams;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final BlockingHttpClient deliveries = new BlockingHttpClient(Duration.ofSeconds(2));
    private SubscriptionSettings settings;
    private ScheduledFuture<?> discovery;

    /**
     * @param stream the delivery of a streaming subscription, else null
     * @param stopped for a streaming subscription, tells its stream that the server stopped it; else null
     */
    private record Running(Subscription subscription, PubSubSubscription handle, StreamDelivery stream, Runnable stopped) {
        Running(Subscription subscription, PubSubSubscription handle) {
            this(subscription, handle, null, null);
        }

        void stop() {
            if (stream != null) {
                stream.end(); // first: a delivery that waits for the client's answer gives up, so the loop stops at once
            }
            handle.close();
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Config config = ConfigProvider.getConfig();
        settings = SubscriptionSettings.fromConfig(config);
        maxStreams = config.getValue("capa.pubsub.max-streams", Integer.class);
        List<Subscription> declared = SubscriptionSettings.declared(config);
        synchronized (this) {
            for (Subscription s : declared) {
                startOne(s);
            }
        }
        if (settings.appUrl() != null) {
            long every = settings.discoveryInterval().toMillis();
            discovery = scheduler.scheduleWithFixedDelay(this::discover, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    private void discover() {
        List<Subscription> listed = settings.grpcApp() ? GrpcSubscriptionDiscovery.ask(appCallbacks.stub(URI.create(settings.appUrl())))
                : SubscriptionDiscovery.ask(http, settings.appUrl());
        if (listed == null) {
            return; // the app is not up (yet): keep what runs
        }
        synchronized (this) {
            List<String> wanted = new ArrayList<>();
            for (Subscription s : listed) {
                wanted.add(s.key());
                if (!running.containsKey(s.key())) {
                    startOne(s);
                }
            }
            running.values().removeIf(r -> {
                boolean gone = r.subscription().type().equals("PROGRAMMATIC") && !wanted.contains(r.subscription().key());
                if (gone) {
                    r.handle().close();
                    LOG.log(Level.INFO, "subscription {0} stopped: the app no longer lists it", r.subscription().key());
                }
                return gone;
            });
        }
    }

    private void startOne(Subscription s) {
        EventTarget route;
        URI target;
        try {
            route = EventTarget.parse(s.route());
            target = SubscriptionTargets.resolve(route, settings.appUrl(), settings.localUrl());
        } catch (InvalidTargetException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "subscription {0} not started: {1}", new Object[] {s.key(), e.getMessage()});
            return;
        }
        PubSubConnectionFactory broker = components.find("pubsub", s.pubsub(), PubSubConnectionFactory.class).orElse(null);
        if (target == null || broker == null) {
            LOG.log(Level.WARNING, "subscription {0} not started: {1}", new Object[] {s.key(),
                    broker == null ? "no pubsub " + s.pubsub() : "a relative route needs capa.app.url"});
            return;
        }
        // a route on the app goes to its AppCallback service when it speaks gRPC; URLs, functions and actors over HTTP
        boolean toGrpcApp = settings.grpcApp() && route.kind() == EventTarget.Kind.APP && !route.isUrl();
        DeliveryHandler delivery = toGrpcApp ? new GrpcDelivery(s, appCallbacks.stub(URI.create(settings.appUrl())), settings, broker, traces)
                : new Delivery(s, target, route.isThisServer(), settings, broker, deliveries, traces);
        delivery = new MeteredDelivery(delivery, metrics, s);
        try (PubSubConnection connection = broker.getConnection()) {
            running.put(s.key(), new Running(s, connection.subscribe(s.topic(), settings.appId(), settings.policy(),
                    contexts.createContextualProxy(delivery, DeliveryHandler.class), settings.maxConcurrentDeliveries(s))));
            LOG.log(Level.INFO, "subscription {0} started", s.key());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "subscription " + s.key() + " could not start", e);
        }
    }

    /**
     * Starts a streaming subscription: the messages of {@code topic} are sent with {@code send}, one at a time, each
     * waiting for the client's answer ({@link StreamDelivery}), in the app's consumer group, so that streams and the
     * app's other subscriptions of the topic share its messages as competing consumers. It runs until the returned
     * stream is closed, or the application stops, which runs {@code stopped}.
     *
     * @param deadLetterTopic where dropped messages go; null or empty for none
     * @param stopped run when the application stops the subscription, so that the stream ends too
     * @throws DaprException 404 ERR_PUBSUB_NOT_FOUND for an unknown pubsub, 429 beyond {@code capa.pubsub.max-streams},
     *     500 when the broker cannot subscribe
     */
    public TopicStream stream(String pubsub, String topic, String deadLetterTopic, Consumer<TopicEventRequest> send, Runnable stopped) {
        if (settings == null) {
            throw new DaprException(503, "ERR_PUBSUB_NOT_READY", "pub/sub is still starting; try again");
        }
        PubSubConnectionFactory broker = components.find("pubsub", pubsub, PubSubConnectionFactory.class).orElseThrow(
                () -> new DaprException(404, "ERR_PUBSUB_NOT_FOUND", "pubsub " + pubsub + " is not found"));
        // each stream holds a broker consumer, and a work thread while it waits for the client's answer: bounded
        synchronized (this) {
            if (streams.size() + streamsStarting >= maxStreams) {
                throw new DaprException(429, "ERR_PUBSUB_SUBSCRIBE", "too many streaming subscriptions: " + maxStreams
                        + " are open (capa.pubsub.max-streams); end one first");
            }
            streamsStarting++;
        }
        try {
            return startStream(broker, pubsub, topic, deadLetterTopic, send, stopped);
        } finally {
            synchronized (this) {
                streamsStarting--;
            }
        }
    }

    private TopicStream startStream(PubSubConnectionFactory broker, String pubsub, String topic, String deadLetterTopic,
                                    Consumer<TopicEventRequest> send, Runnable stopped) {
        // Dapr's streams have the default route "/"; the type is what /v1.0/metadata shows
        Subscription s = new Subscription(pubsub, topic, "/", deadLetterTopic, false, "STREAMING");
        StreamDelivery delivery = new StreamDelivery(s, send, settings, broker, traces);
        PubSubSubscription handle;
        try (PubSubConnection connection = broker.getConnection()) {
            handle = connection.subscribe(topic, settings.appId(), settings.policy(), contexts.createContextualProxy(delivery, DeliveryHandler.class));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "streaming subscription " + s.key() + " could not start", e);
            throw new DaprException(500, "ERR_PUBSUB_SUBSCRIBE", "cannot subscribe to topic " + topic + " of pubsub " + pubsub
                    + "; the server log has the detail", e);
        }
        long number;
        synchronized (this) {
            number = ++streamsStarted;
            streams.put(number, new Running(s, handle, delivery, stopped));
        }
        LOG.log(Level.INFO, "streaming subscription {0} (stream {1}) started", new Object[] {s.key(), number});
        AtomicBoolean closed = new AtomicBoolean();
        return new TopicStream() {
            @Override
            public boolean processed(String id, TopicEventResponseStatus status) {
                return delivery.processed(id, status);
            }

            @Override
            public void close() {
                if (closed.getAndSet(true)) {
                    return;
                }
                delivery.end();
                Running r;
                synchronized (Subscriptions.this) {
                    r = streams.remove(number);
                }
                if (r != null) {
                    r.stop();
                    LOG.log(Level.INFO, "streaming subscription {0} (stream {1}) stopped", new Object[] {s.key(), number});
                }
            }
        };
    }

    @Override
    public List<ComponentInfo> components() {
        List<ComponentInfo> result = new ArrayList<>();
        for (String name : components.names("pubsub")) {
            components.find("pubsub", name, PubSubConnectionFactory.class).ifPresent(f -> result.add(
                    new ComponentInfo(name, componentType(f.describe()), "v1", List.of())));
        }
        return result;
    }

    /** Dapr's component type for a broker's description ({@code redis 127.0.0.1:6379/0}, {@code kafka ...}). */
    static String componentType(String description) {
        String kind = description.split(" ", 2)[0];
        return switch (kind) {
            case "redis", "kafka", "jetstream", "mqtt", "rabbitmq" -> "pubsub." + kind;
            default -> "pubsub.in-memory";
        };
    }

    @Override
    public synchronized List<SubscriptionInfo> subscriptions() {
        List<SubscriptionInfo> result = new ArrayList<>();
        List<Running> all = new ArrayList<>(running.values());
        all.addAll(streams.values());
        for (Running r : all) {
            Subscription s = r.subscription();
            result.add(new SubscriptionInfo(s.pubsub(), s.topic(), s.route(), s.deadLetterTopic(), s.type()));
        }
        return result;
    }

    /**
     * Per {@code pubsub/topic} of the subscriptions running here whose broker has a lag (Kafka, JetStream, Redis
     * streams) and once it was read: the messages waiting at the broker for this app's consumer group.
     */
    public synchronized Map<String, Long> lag() {
        Map<String, Long> lag = new TreeMap<>();
        for (Running r : running.values()) {
            long n = r.handle().lag();
            if (n >= 0) {
                lag.put(r.subscription().pubsub() + "/" + r.subscription().topic(), n);
            }
        }
        return lag;
    }

    @PreDestroy
    synchronized void stopAll() {
        if (discovery != null) {
            discovery.cancel(false);
        }
        running.values().forEach(r -> r.handle().close());
        running.clear();
        streams.values().forEach(r -> {
            r.stop();
            r.stopped().run();
        });
        streams.clear();
        deliveries.close();
    }
}
