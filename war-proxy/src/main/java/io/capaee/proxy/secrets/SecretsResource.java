// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.secrets;

import io.capaee.api.json.Jsonp;
import io.capaee.api.secrets.SecretStore;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.inject.Inject;
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
 * Refusals are {@link SecretReader}'s. Replies are never cached.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0/secrets/{store}")
public class SecretsResource {
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    @Inject
    SecretReader reader;

    @GET
    @Path("bulk")
    public Response bulk(@PathParam("store") String store) {
        Map<String, Map<String, String>> all = reader.read(store, SecretStore::bulk);
        JsonObjectBuilder body = Jsonp.createObjectBuilder();
        all.forEach((name, secret) -> body.add(name, Jsonp.createObjectBuilder(Map.copyOf(secret))));
        return ok(body);
    }

    @GET
    @Path("{name: .+}")
    public Response get(@PathParam("store") String store, @PathParam("name") String name) {
        var secret = reader.read(store, s -> s.get(name));
        if (secret.isEmpty()) {
            return Response.noContent().build();
        }
        return ok(Jsonp.createObjectBuilder(Map.copyOf(secret.get())));
    }

    private static Response ok(JsonObjectBuilder body) {
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
    }
}
