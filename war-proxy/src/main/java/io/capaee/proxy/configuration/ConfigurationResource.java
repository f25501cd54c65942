// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationTooLargeException;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dapr's configuration API (runtime-api spec 3.8). {@code GET /v1.0/configuration/{store}?key=..}
 * answers {@code {"key": {"value", "version", "metadata"}}} (every item without {@code key});
 * {@code /subscribe} answers {@code {"id"}} and POSTs changes to {@code capa.app.url};
 * {@code /{id}/unsubscribe} answers {@code {"ok": true}}, or 500 with {@code "ok": false}.
 *
 * <p>No answer holds more than {@code capa.configuration.max-items} items, and no request may name
 * more keys: either is a 400 problem telling the caller to name fewer keys. Refusing beats cutting
 * short: Dapr's answer has no "truncated" flag, and a client would take a partial listing for the
 * whole configuration. A store's failure is logged with its detail (which names the store's host);
 * the client is told the store's name only.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0/configuration/{store}")
public class ConfigurationResource {
    private static final Logger LOG = Logger.getLogger(ConfigurationResource.class.getName());
    static final String MAX_ITEMS = "capa.configuration.max-items";

    @Inject
    ConfigurationStores stores;

    @Inject
    ConfigurationSubscriptions subscriptions;

    // Optional: server.xml's default is the empty string, which MicroProfile Config counts as missing
    @Inject
    @ConfigProperty(name = "capa.app.url")
    Optional<String> appUrl;

    @Inject
    @ConfigProperty(name = MAX_ITEMS)
    int maxItems;

    @GET
    public Response get(@PathParam("store") String store, @QueryParam("key") List<String> keys) {
        Map<String, ConfigurationItem> items = items(store, keys);
        JsonObjectBuilder body = Json.createObjectBuilder();
        items.forEach((key, item) -> body.add(key, Json.createObjectBuilder().add("value", item.value())
                .add("version", item.version()).add("metadata", Json.createObjectBuilder(Map.copyOf(item.metadata())))));
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The items asked for, within the bound. */
    Map<String, ConfigurationItem> items(String store, List<String> keys) {
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

    @GET
    @Path("subscribe")
    public Response subscribe(@PathParam("store") String store, @QueryParam("key") List<String> keys) {
        ConfigurationStore found = store(store);
        String app = appUrl.map(String::strip).orElse("");
        if (app.isEmpty()) {
            throw new DaprException(500, "ERR_APP_CHANNEL_NIL",
                    "no app to notify of configuration changes: set capa.app.url to the app's base URL");
        }
        checkKeyCount(keys, "ERR_CONFIGURATION_SUBSCRIBE");
        String id;
        try {
            id = subscriptions.subscribe(store, found, keys, app.replaceAll("/+$", ""));
        } catch (ConfigurationException e) {
            throw failure(store, "ERR_CONFIGURATION_SUBSCRIBE", e);
        }
        return Response.ok(Json.createObjectBuilder().add("id", id).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}/unsubscribe")
    public Response unsubscribe(@PathParam("store") String store, @PathParam("id") String id) {
        store(store);
        if (!subscriptions.unsubscribe(id)) {
            return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE).entity(Json.createObjectBuilder()
                    .add("ok", false).add("message", "no configuration subscription " + id).build().toString()).build();
        }
        return Response.ok(Json.createObjectBuilder().add("ok", true).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private void checkKeyCount(List<String> keys, String errorCode) {
        if (keys.size() > maxItems) {
            throw tooMany(keys.size() + " keys named", errorCode);
        }
    }

    private DaprException tooMany(String what, String errorCode) {
        return new DaprException(400, errorCode, what + ": at most " + maxItems + " items per request (" + MAX_ITEMS
                + "); name the keys wanted with key=...");
    }

    /** The client learns which store failed; the log keeps the detail, which names hosts and ports. */
    private static DaprException failure(String store, String errorCode, ConfigurationException e) {
        if (e instanceof ConfigurationTooLargeException) {
            return new DaprException(400, errorCode, "configuration store " + store + ": " + e.getMessage());
        }
        LOG.log(Level.WARNING, "configuration store {0} failed: {1}", new Object[] {store, e.getMessage()});
        return new DaprException(500, errorCode, "configuration store " + store + " failed; the server log has the detail");
    }

    private ConfigurationStore store(String name) {
        return stores.find(name).orElseThrow(() -> new DaprException(400, "ERR_CONFIGURATION_STORE_NOT_FOUND",
                "configuration store " + name + " is not found"));
    }
}
