// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.actors.InvalidTargetException;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.grpc.AppCallbackChannels;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import io.capaee.proxy.component.SubscriptionInfo;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * when the application stops. Also the pub/sub part of {@code /v1.0/metadata}.
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

    private final Map<String, Running> running = new LinkedHashMap<>(); // guarded by this
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SubscriptionSettings settings;
    private ScheduledFuture<?> discovery;

    private record Running(Subscription subscription, PubSubSubscription handle) {}

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Config config = ConfigProvider.getConfig();
        settings = SubscriptionSettings.fromConfig(config);
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
        DeliveryHandler delivery = toGrpcApp ? new GrpcDelivery(s, appCallbacks.stub(URI.create(settings.appUrl())), settings, broker)
                : new Delivery(s, target, route.isThisServer(), settings, broker, http);
        try (PubSubConnection connection = broker.getConnection()) {
            running.put(s.key(), new Running(s, connection.subscribe(s.topic(), settings.appId(), settings.policy(),
                    contexts.createContextualProxy(delivery, DeliveryHandler.class))));
            LOG.log(Level.INFO, "subscription {0} started", s.key());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "subscription " + s.key() + " could not start", e);
        }
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
        for (Running r : running.values()) {
            Subscription s = r.subscription();
            result.add(new SubscriptionInfo(s.pubsub(), s.topic(), s.route(), s.deadLetterTopic(), s.type()));
        }
        return result;
    }

    @PreDestroy
    synchronized void stopAll() {
        if (discovery != null) {
            discovery.cancel(false);
        }
        running.values().forEach(r -> r.handle().close());
        running.clear();
    }
}
