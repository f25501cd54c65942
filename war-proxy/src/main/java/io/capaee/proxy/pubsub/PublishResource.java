// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.json.JsonText;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Dapr's publish API (runtime-api spec 3.6.1): the body becomes a CloudEvent (or goes as it is with
 * {@code metadata.rawPayload=true}) on the broker {@code eis/capa/pubsub/{pubsub}}. 204 published;
 * 404 {@code ERR_PUBSUB_NOT_FOUND}; 400 {@code ERR_PUBSUB_REQUEST_METADATA} for a bad rawPayload;
 * 500 {@code ERR_PUBSUB_PUBLISH_MESSAGE} when the broker fails. Bulk: {@code /v1.0-alpha1/publish/bulk}
 * (and {@code /v1.0/publish/bulk}) with {@code [{"entryId","event","contentType"}]}.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0/publish")
public class PublishResource {
    @Inject
    Publisher publisher;

    @Context
    UriInfo uri;

    @POST
    @Path("{pubsub}/{topic: .+}")
    public Response publish(@PathParam("pubsub") String pubsub, @PathParam("topic") String topic,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        publisher.publish(pubsub, topic, body, contentType, raw());
        return Response.noContent().build();
    }

    @PUT
    @Path("{pubsub}/{topic: .+}")
    public Response publishPut(@PathParam("pubsub") String pubsub, @PathParam("topic") String topic,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        return publish(pubsub, topic, contentType, body);
    }

    @POST
    @Path("bulk/{pubsub}/{topic: .+}")
    public Response bulk(@PathParam("pubsub") String pubsub, @PathParam("topic") String topic, byte[] body) {
        JsonValue parsed;
        try {
            parsed = JsonText.parse(body);
        } catch (JsonException e) {
            throw new DaprException(400, "ERR_PUBSUB_EVENTS_SER", "the bulk body is not valid JSON: " + e.getMessage());
        }
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new DaprException(400, "ERR_PUBSUB_EVENTS_SER", "a bulk publish body is a JSON array of entries");
        }
        List<JsonValue> items = parsed.asJsonArray();
        List<BulkEntry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof JsonObject entry) || !(entry.get("entryId") instanceof JsonString id) || !entry.containsKey("event")) {
                throw new DaprException(400, "ERR_PUBSUB_EVENTS_SER", "entry " + i + " needs a unique, non-empty 'entryId' and an 'event'");
            }
            JsonValue event = entry.get("event");
            String type = entry.getString("contentType", event instanceof JsonString ? "text/plain" : "application/json");
            byte[] data = event instanceof JsonString s && !type.contains("json") ? s.getString().getBytes(StandardCharsets.UTF_8)
                    : event.toString().getBytes(StandardCharsets.UTF_8);
            entries.add(new BulkEntry(id.getString(), data, type));
        }
        List<BulkFailure> failures = publisher.publishBulk(pubsub, topic, entries, raw());
        if (failures.isEmpty()) {
            return Response.noContent().build();
        }
        JsonArrayBuilder failed = Jsonp.createArrayBuilder();
        failures.forEach(f -> failed.add(Jsonp.createObjectBuilder().add("entryId", f.entryId()).add("error", f.error())));
        return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE).entity(Jsonp.createObjectBuilder()
                .add("failedEntries", failed).add("errorCode", "ERR_PUBSUB_PUBLISH_MESSAGE").build().toString()).build();
    }

    private boolean raw() {
        return Publisher.rawPayload(uri.getQueryParameters().getFirst("metadata.rawPayload"));
    }
}
