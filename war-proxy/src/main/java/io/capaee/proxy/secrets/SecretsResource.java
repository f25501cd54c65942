// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.secrets;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.secrets.SecretException;
import io.capaee.api.secrets.SecretStore;
import io.capaee.api.secrets.SecretStores;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Dapr's secrets API (runtime-api spec 3.7): {@code GET /v1.0/secrets/{store}/{name}} answers
 * {@code {"name": "value"}}, 204 when there is no such secret; {@code /bulk} answers every secret.
 * An unknown store is 401 {@code ERR_SECRET_STORE_NOT_FOUND} (Dapr's code answers 401, its docs say
 * 400), no store at all 500 {@code ERR_SECRET_STORES_NOT_CONFIGURED}. Replies are never cached.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0/secrets/{store}")
public class SecretsResource {
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    @Inject
    SecretStores stores;

    @GET
    @Path("bulk")
    public Response bulk(@PathParam("store") String store) {
        Map<String, Map<String, String>> all = call(store, SecretStore::bulk);
        JsonObjectBuilder body = Json.createObjectBuilder();
        all.forEach((name, secret) -> body.add(name, Json.createObjectBuilder(Map.copyOf(secret))));
        return ok(body);
    }

    @GET
    @Path("{name: .+}")
    public Response get(@PathParam("store") String store, @PathParam("name") String name) {
        var secret = call(store, s -> s.get(name));
        if (secret.isEmpty()) {
            return Response.noContent().build();
        }
        return ok(Json.createObjectBuilder(Map.copyOf(secret.get())));
    }

    private <T> T call(String store, java.util.function.Function<SecretStore, T> action) {
        if (stores.all().isEmpty()) {
            throw new DaprException(500, "ERR_SECRET_STORES_NOT_CONFIGURED", "no secret store is configured");
        }
        SecretStore found = stores.store(store).orElseThrow(
                () -> new DaprException(401, "ERR_SECRET_STORE_NOT_FOUND", "secret store " + store + " is not found"));
        try {
            return action.apply(found);
        } catch (SecretException e) {
            // SecretException messages never carry a secret value
            throw new DaprException(500, "ERR_SECRET_GET", "secret store " + store + " failed: " + e.getMessage());
        }
    }

    private static Response ok(JsonObjectBuilder body) {
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
    }
}
