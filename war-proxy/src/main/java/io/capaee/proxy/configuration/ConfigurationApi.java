// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationTooLargeException;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dapr's configuration API on this server's stores, for the HTTP API ({@link ConfigurationResource}) and the gRPC API
 * alike: get, subscribe and unsubscribe, with the same bounds and errors.
 *
 * <p>No answer holds more than {@code capa.configuration.max-items} items, and no request may name more keys: either
 * is a 400 problem telling the caller to name fewer keys. Refusing beats cutting short: Dapr's answer has no
 * "truncated" flag, and a client would take a partial listing for the whole configuration. A store's failure is
 * logged with its detail (which names the store's host); the client is told the store's name only.
 */
@ApplicationScoped
public class ConfigurationApi {
    private static final Logger LOG = Logger.getLogger(ConfigurationApi.class.getName());
    static final String MAX_ITEMS = "capa.configuration.max-items";

    @Inject
    ConfigurationStores stores;

    @Inject
    ConfigurationSubscriptions subscriptions;

    @Inject
    @ConfigProperty(name = MAX_ITEMS)
    int maxItems;

    /** The items asked for (every item when {@code keys} is empty), within the bound. */
    public Map<String, ConfigurationItem> items(String store, List<String> keys) {
        ConfigurationStore found = store(store);
        checkKeyCount(keys, "ERR_CONFIGURATION_GET");
        Map<String, ConfigurationItem> items;
        try {
            items = found.get(keys);
        } catch (ConfigurationException e) {
            throw failure(store, "ERR_CONFIGURATION_GET", e);
        }
        if (items.size() > maxItems) {
            throw tooMany("more than " + maxItems + " configuration items in store " + store, "ERR_CONFIGURATION_GET");
        }
        return items;
    }

    /**
     * Subscribes to changes of {@code keys} (all keys when empty) and returns the subscription's id. {@code changes}
     * gets the id and the changed items, on the subscription's own thread; {@code closed} runs once the
     * subscription is closed, by an unsubscribe or when the server stops.
     */
    public String subscribe(String store, List<String> keys, BiConsumer<String, Map<String, ConfigurationItem>> changes, Runnable closed) {
        ConfigurationStore found = store(store);
        checkKeyCount(keys, "ERR_CONFIGURATION_SUBSCRIBE");
        try {
            return subscriptions.subscribe(found, keys, changes, closed);
        } catch (ConfigurationException e) {
            throw failure(store, "ERR_CONFIGURATION_SUBSCRIBE", e);
        }
    }

    /** Closes the subscription; false when there is none with that id. */
    public boolean unsubscribe(String store, String id) {
        store(store);
        return subscriptions.unsubscribe(id);
    }

    /** The store of that name; 400 ERR_CONFIGURATION_STORE_NOT_FOUND when there is none. */
    public ConfigurationStore store(String name) {
        return stores.find(name).orElseThrow(() -> new DaprException(400, "ERR_CONFIGURATION_STORE_NOT_FOUND",
                "configuration store " + name + " is not found"));
    }

    private void checkKeyCount(List<String> keys, String errorCode) {
        if (keys.size() > maxItems) {
            throw tooMany(keys.size() + " keys named", errorCode);
        }
    }

    private DaprException tooMany(String what, String errorCode) {
        return new DaprException(400, errorCode, what + ": at most " + maxItems + " items per request (" + MAX_ITEMS
                + "); name the keys wanted");
    }

    /** The client learns which store failed; the log keeps the detail, which names hosts and ports. */
    private static DaprException failure(String store, String errorCode, ConfigurationException e) {
        if (e instanceof ConfigurationTooLargeException) {
            return new DaprException(400, errorCode, "configuration store " + store + ": " + e.getMessage());
        }
        LOG.log(Level.WARNING, "configuration store {0} failed: {1}", new Object[] {store, e.getMessage()});
        return new DaprException(500, errorCode, "configuration store " + store + " failed; the server log has the detail");
    }
}
