// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.api.config.Durations;
import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.api.configuration.MicroProfileConfigurationStore;
import io.capaee.proxy.component.JndiComponents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The configuration stores of this server: Redis stores bound as {@code eis/capa/configuration/NAME},
 * and MicroProfile Config stores declared as
 * {@code capa.configstore.NAME.type=config}, {@code capa.configstore.NAME.prefix=PREFIX}
 * ({@code capa.configstore.NAME.poll-interval}, default PT0.25S).
 */
@ApplicationScoped
public class ConfigurationStores {
    static final String PREFIX = "capa.configstore.";

    @Inject
    JndiComponents components;

    private Map<String, ConfigurationStore> configStores;

    @PostConstruct
    void readConfig() {
        Config config = ConfigProvider.getConfig();
        Map<String, ConfigurationStore> stores = new TreeMap<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(".type")) {
                String name = property.substring(PREFIX.length(), property.length() - ".type".length());
                String type = config.getValue(property, String.class).strip();
                if (!type.equals("config")) {
                    throw new IllegalStateException(property + " is '" + type + "': the only configuration store type"
                            + " declared this way is config (Redis stores are connection factories eis/capa/configuration/NAME)");
                }
                // an empty prefix would hand out every property, the server's tokens and passwords among them
                String prefix = config.getOptionalValue(PREFIX + name + ".prefix", String.class).map(String::strip)
                        .filter(p -> !p.isEmpty()).orElseThrow(() -> new IllegalStateException(PREFIX + name
                                + ".prefix must be set to a non-empty prefix, e.g. app.config."));
                Duration poll = config.getOptionalValue(PREFIX + name + ".poll-interval", String.class)
                        .map(Durations::parse).orElse(Duration.ofMillis(250));
                stores.put(name, new MicroProfileConfigurationStore(config, prefix, poll));
            }
        }
        configStores = stores;
    }

    public Optional<ConfigurationStore> find(String name) {
        Optional<ConfigurationConnectionFactory> redis = components.find("configuration", name, ConfigurationConnectionFactory.class);
        if (redis.isPresent()) {
            return Optional.of(new PerCallStore(redis.get()));
        }
        return Optional.ofNullable(configStores.get(name));
    }

    /** Every store by name, with its Dapr type. */
    public Map<String, String> types() {
        Map<String, String> types = new TreeMap<>();
        configStores.forEach((name, store) -> types.put(name, store.type()));
        for (String name : components.names("configuration")) {
            types.put(name, "configuration.redis");
        }
        return types;
    }

    /** A connection factory as a store: one connection per call, given back at once. */
    private record PerCallStore(ConfigurationConnectionFactory factory) implements ConfigurationStore {
        @Override
        public Map<String, ConfigurationItem> get(List<String> keys) {
            try (ConfigurationConnection c = factory.getConnection()) {
                return c.get(keys);
            }
        }

        @Override
        public ConfigurationSubscription subscribe(List<String> keys, ConfigurationListener listener, Executor executor) {
            try (ConfigurationConnection c = factory.getConnection()) {
                return c.subscribe(keys, listener, executor);
            }
        }

        @Override
        public String type() {
            return "configuration.redis";
        }
    }
}
