// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.state.StateEntry;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Dapr's {@code POST|PUT /v1.0-alpha1/state/{store}/query} ({@link StateQuery}): 200 with
 * {@code {"results": [{"key", "data", "etag"}], "token"}} ({@code token} only while there is a next page); 400
 * {@code ERR_STATE_QUERY} naming what is wrong with the query; 413 when it matches more than one query may hold;
 * 500 {@code ERR_STATE_STORE_NOT_SUPPORTED} for a store that cannot list its entries.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/state/{store}/query")
public class StateQueryResource {
    @Inject
    StateStores stores;

    @POST
    public Response query(@PathParam("store") String store, String body) {
        QueryPage page = stores.query(store, body == null ? "" : body);
        JsonArrayBuilder results = Jsonp.createArrayBuilder();
        for (StateEntry entry : page.results()) {
            results.add(Jsonp.createObjectBuilder().add("key", entry.key()).add("data", StateResource.json(entry.value()))
                    .add("etag", entry.etag()));
        }
        JsonObjectBuilder answer = Jsonp.createObjectBuilder().add("results", results);
        if (page.token() != null) {
            answer.add("token", page.token());
        }
        return Response.ok(answer.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PUT
    public Response queryPut(@PathParam("store") String store, String body) {
        return query(store, body);
    }
}
