// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dapr's configuration API (runtime-api spec 3.8) over HTTP, on {@link ConfigurationApi}.
 * {@code GET /v1.0/configuration/{store}?key=..} answers {@code {"key": {"value", "version", "metadata"}}} (every item
 * without {@code key}); {@code /subscribe} answers {@code {"id"}} and POSTs changes to {@code capa.app.url};
 * {@code /{id}/unsubscribe} answers {@code {"ok": true}}, or 500 with {@code "ok": false}.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0/configuration/{store}")
public class ConfigurationResource {
    @Inject
    ConfigurationApi api;

    @Inject
    ConfigurationSubscriptions subscriptions;

    // Optional: server.xml's default is the empty string, which MicroProfile Config counts as missing
    @Inject
    @ConfigProperty(name = "capa.app.url")
    Optional<String> appUrl;

    @GET
    public Response get(@PathParam("store") String store, @QueryParam("key") List<String> keys) {
        Map<String, ConfigurationItem> items = api.items(store, keys);
        JsonObjectBuilder body = Jsonp.createObjectBuilder();
        items.forEach((key, item) -> body.add(key, Jsonp.createObjectBuilder().add("value", item.value())
                .add("version", item.version()).add("metadata", Jsonp.createObjectBuilder(Map.copyOf(item.metadata())))));
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("subscribe")
    public Response subscribe(@PathParam("store") String store, @QueryParam("key") List<String> keys) {
        api.store(store);
        String app = appUrl.map(String::strip).orElse("");
        if (app.isEmpty()) {
            throw new DaprException(500, "ERR_APP_CHANNEL_NIL",
                    "no app to notify of configuration changes: set capa.app.url to the app's base URL");
        }
        String id = api.subscribe(store, keys, subscriptions.appNotifier(app.replaceAll("/+$", ""), store), () -> {});
        return Response.ok(Jsonp.createObjectBuilder().add("id", id).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}/unsubscribe")
    public Response unsubscribe(@PathParam("store") String store, @PathParam("id") String id) {
        if (!api.unsubscribe(store, id)) {
            return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE).entity(Jsonp.createObjectBuilder()
                    .add("ok", false).add("message", "no configuration subscription " + id).build().toString()).build();
        }
        return Response.ok(Jsonp.createObjectBuilder().add("ok", true).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
