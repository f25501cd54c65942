// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.AccessPolicy;
import io.capaee.proxy.dapr.DaprException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The running configuration subscriptions of the sidecar API, over HTTP and gRPC. Over HTTP, each change is
 * POSTed to the app as Dapr does: {@code POST APP/configuration/{store}/{key}} with {@code {"id", "items": {key: item}}},
 * one call per changed key; a non-2xx answer is logged. The waits run on the container's managed
 * executor; every subscription is closed when the application stops. Each subscription holds a
 * thread (and, on Redis, a socket) while it runs, so at most {@code capa.configuration.max-subscriptions}
 * (64) run at once; one more is refused with 429 until one is unsubscribed.
 */
@ApplicationScoped
public class ConfigurationSubscriptions {
    private static final Logger LOG = Logger.getLogger(ConfigurationSubscriptions.class.getName());

    // each subscription waits for ever: a thread of its own from the container, never one of the
    // shared executor's, which also serves HTTP requests (long waits there starved them under load)
    @Resource
    ManagedThreadFactory threads;

    private final Executor executor = task -> threads.newThread(task).start();

    /** A running subscription and what to do once it is closed. */
    private record Running(ConfigurationSubscription subscription, Runnable closed) {
        void close() {
            try {
                subscription.close();
            } finally {
                closed.run();
            }
        }
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger(); // subscriptions running or being started
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    @ConfigProperty(name = "capa.configuration.max-subscriptions")
    int maxSubscriptions;

    /**
     * Subscribes and returns the subscription id: {@code changes} gets the id and the changed items on the
     * subscription's thread, {@code closed} runs once when the subscription is closed.
     */
    String subscribe(ConfigurationStore store, List<String> keys, BiConsumer<String, Map<String, ConfigurationItem>> changes, Runnable closed) {
        if (slots.incrementAndGet() > maxSubscriptions) {
            slots.decrementAndGet();
            throw new DaprException(429, "ERR_CONFIGURATION_SUBSCRIBE", "too many configuration subscriptions: "
                    + maxSubscriptions + " are running (capa.configuration.max-subscriptions); unsubscribe one first");
        }
        try {
            String[] id = new String[1];
            ConfigurationSubscription subscription = store.subscribe(keys, items -> changes.accept(id[0], items), executor);
            id[0] = subscription.id();
            running.put(subscription.id(), new Running(subscription, closed));
            return subscription.id();
        } catch (RuntimeException e) {
            slots.decrementAndGet();
            throw e;
        }
    }

    /** Closes the subscription; false when there is none with that id. */
    boolean unsubscribe(String id) {
        Running subscription = running.remove(id);
        if (subscription == null) {
            return false;
        }
        subscription.close();
        slots.decrementAndGet();
        return true;
    }

    /** Tells the app at {@code appUrl} of each changed key, as Dapr's HTTP API does. */
    BiConsumer<String, Map<String, ConfigurationItem>> appNotifier(String appUrl, String storeName) {
        return (id, items) -> items.forEach((key, item) -> notifyApp(appUrl, storeName, id, key, item));
    }

    private void notifyApp(String appUrl, String store, String id, String key, ConfigurationItem item) {
        JsonObjectBuilder itemJson = Jsonp.createObjectBuilder().add("value", item.value()).add("version", item.version())
                .add("metadata", Jsonp.createObjectBuilder(Map.copyOf(item.metadata())));
        String body = Jsonp.createObjectBuilder()
                .add("id", id == null ? "" : id)
                .add("items", Jsonp.createObjectBuilder().add(key, itemJson))
                .build().toString();
        URI target = URI.create(appUrl + "/configuration/" + enc(store) + "/" + enc(key));
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header(AccessPolicy.SERVER_REQUEST_HEADER, "1")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                LOG.log(Level.WARNING, "the app answered {0} to the configuration change of {1} in {2}",
                        new Object[] {r.statusCode(), key, store});
            }
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "cannot tell the app at {0} of a configuration change of {1} in {2}: {3}",
                    new Object[] {appUrl, key, store, e.getMessage()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @PreDestroy
    void closeAll() {
        running.values().forEach(Running::close);
        running.clear();
        slots.set(0);
    }
}
