// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves app ids to base URLs: this server's own id, then {@code capa.invoke.apps}, then (when
 * {@code capa.invoke.registry=redis}) the registry, where every server writes
 * {@code {registry-key}:{appId}} = {@code {"url":...,"heartbeat":epochMillis}} at start and every
 * third of {@code capa.invoke.registry-ttl}. An entry whose heartbeat is older than the TTL (its
 * server stopped or died) is not used.
 */
@ApplicationScoped
public class AppDirectory {
    private static final Logger LOG = Logger.getLogger(AppDirectory.class.getName());

    @Inject
    InvokeConfig config;

    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Map<String, URI> configured = new LinkedHashMap<>();
    private ScheduledFuture<?> heartbeat;

    @PostConstruct
    void start() {
        for (String entry : config.apps().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                LOG.warning(() -> "capa.invoke.apps: ignoring '" + entry.trim() + "'; expected id=url");
                continue;
            }
            configured.put(entry.substring(0, eq).trim(), URI.create(entry.substring(eq + 1).trim()));
        }
        if (config.redisRegistry()) {
            long period = Math.max(1000, config.registryTtl().toMillis() / 3);
            heartbeat = scheduler.scheduleAtFixedRate(this::register, 0, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Registers at application start, not on the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // touching the bean is enough: @PostConstruct starts the heartbeat
        configured.size();
    }

    /**
     * Stops the heartbeat. The entry is not deleted: when the server stops, Liberty quiesces the
     * resource adapter's connection pools before this bean goes, so the entry ages out instead.
     */
    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    private void register() {
        String value = Jsonp.createObjectBuilder().add("url", config.selfUrl())
                .add("heartbeat", System.currentTimeMillis()).build().toString();
        try (KeyValueConnection kv = keyValue.getConnection()) {
            kv.set(key(config.appId()), value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not register app id '" + config.appId() + "' in the app registry", e);
        }
    }

    /** The base URL of an app id, or empty when no source knows it. */
    public Optional<URI> resolve(String appId) {
        if (appId.equals(config.appId())) {
            return Optional.of(URI.create(config.selfUrl()));
        }
        URI known = configured.get(appId);
        if (known != null || !config.redisRegistry()) {
            return Optional.ofNullable(known);
        }
        try (KeyValueConnection kv = keyValue.getConnection()) {
            return kv.get(key(appId)).flatMap(this::fresh).map(URI::create);
        }
    }

    private Optional<String> fresh(String value) {
        try {
            JsonObject o = Jsonp.createReader(new StringReader(value)).readObject();
            long age = System.currentTimeMillis() - o.getJsonNumber("heartbeat").longValue();
            return age <= config.registryTtl().toMillis() ? Optional.of(o.getString("url")) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String key(String appId) {
        return config.registryKey() + ":" + appId;
    }
}
