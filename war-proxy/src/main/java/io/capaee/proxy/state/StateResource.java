// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.state.InvalidStateRequestException;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateOptions;
import io.capaee.api.state.UnsupportedStateOperationException;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dapr's state API (runtime-api spec 3.5) on the state stores {@code eis/capa/state/NAME}: save
 * (bulk), get, bulk get, delete and transactions, with ETags ({@code ETag} on reads, the item's
 * {@code etag} and {@code If-Match} on writes), concurrency options and {@code ttlInSeconds}.
 * Error codes and statuses are Dapr's: 400 unknown store or malformed request, 409 ETag mismatch,
 * 400 invalid ETag, 500 store failure.
 *
 * <p>One instance for the application (its {@code UriInfo} is the current request's): a new one per request,
 * with its injections, cost as much as the store's read itself.
 */
@ApplicationScoped
@RequiresAccess(Access.APP)
@Path("/v1.0/state/{store}")
public class StateResource {
    @Inject
    StateStores stores;

    @Context
    UriInfo uri;

    @POST
    public Response save(@PathParam("store") String store, String body) {
        var items = StateRequests.items(body, queryMetadata());
        stores.write(store, "ERR_STATE_SAVE", connection -> connection.save(items));
        return Response.noContent().build();
    }

    @PUT
    public Response savePut(@PathParam("store") String store, String body) {
        return save(store, body);
    }

    @GET
    @Path("{key: .+}")
    public Response get(@PathParam("store") String store, @PathParam("key") String key,
            @QueryParam("consistency") String consistency) {
        options(null, consistency);
        StateEntry entry = stores.read(store, "ERR_STATE_GET", c -> c.get(key).orElse(null));
        if (entry == null) {
            return Response.noContent().build();
        }
        // Liberty's HTTP channel always writes this name as "ETag"; Dapr (Go) writes "Etag", and the Java SDK
        // 1.11 looks that spelling up case-sensitively, so its State.getEtag() is null here (README: deviations)
        return Response.ok(entry.value(), MediaType.APPLICATION_JSON_TYPE).header("ETag", entry.etag()).build();
    }

    @POST
    @Path("bulk")
    public Response bulk(@PathParam("store") String store, String body) {
        List<String> keys = StateRequests.bulkKeys(body);
        Map<String, StateEntry> found = stores.read(store, "ERR_STATE_BULK_GET", c -> c.getBulk(keys));
        JsonArrayBuilder result = Jsonp.createArrayBuilder();
        for (String key : keys) {
            JsonObjectBuilder item = Jsonp.createObjectBuilder().add("key", key);
            StateEntry entry = found.get(key);
            if (entry != null) {
                item.add("data", json(entry.value())).add("etag", entry.etag());
            }
            result.add(item);
        }
        return Response.ok(result.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PUT
    @Path("bulk")
    public Response bulkPut(@PathParam("store") String store, String body) {
        return bulk(store, body);
    }

    @DELETE
    @Path("{key: .+}")
    public Response delete(@PathParam("store") String store, @PathParam("key") String key,
            @HeaderParam("If-Match") String ifMatch, @QueryParam("concurrency") String concurrency,
            @QueryParam("consistency") String consistency) {
        StateOptions options = options(concurrency, consistency);
        String etag = ifMatch == null ? null : unquote(ifMatch.strip());
        stores.write(store, "ERR_STATE_DELETE", c -> c.delete(key, etag, options));
        return Response.noContent().build();
    }

    @POST
    @Path("transaction")
    public Response transaction(@PathParam("store") String store, String body) {
        var operations = parseOperations(body);
        stores.write(store, "ERR_STATE_TRANSACTION", c -> c.transact(operations));
        return Response.noContent().build();
    }

    @PUT
    @Path("transaction")
    public Response transactionPut(@PathParam("store") String store, String body) {
        return transaction(store, body);
    }

    private List<io.capaee.api.state.StateOperation> parseOperations(String body) {
        try {
            return StateRequests.operations(body, queryMetadata());
        } catch (UnsupportedStateOperationException e) {
            throw new DaprException(400, "ERR_NOT_SUPPORTED_STATE_OPERATION", e.getMessage());
        }
    }

    static StateOptions options(String concurrency, String consistency) {
        try {
            return new StateOptions(StateOptions.Concurrency.parse(concurrency), StateOptions.Consistency.parse(consistency));
        } catch (InvalidStateRequestException e) {
            throw StateRequests.malformed(e.getMessage());
        }
    }

    private Map<String, String> queryMetadata() {
        Map<String, String> metadata = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith("metadata.") && !values.isEmpty()) {
                metadata.put(name.substring("metadata.".length()), values.get(0));
            }
        });
        return metadata;
    }

    /** A stored value inside a JSON reply: as JSON when it is (it was sent as JSON), else as a string. */
    static JsonValue json(String value) {
        try (var reader = Jsonp.createReader(new StringReader(value))) {
            return reader.readValue();
        } catch (JsonException e) {
            return Jsonp.createValue(value);
        }
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
