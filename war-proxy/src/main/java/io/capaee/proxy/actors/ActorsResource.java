// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.api.json.JsonText;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Dapr's actor API with Dapr's paths, bodies, status codes and error codes (runtime-api spec
 * 3.2), and {@code GET /v1.0/actors[/{type}]}, the operator view of hosted types and how many of
 * their actors are active (counts, not ids).
 */
@RequiresAccess(Access.APP)
@Path("v1.0/actors")
@ApplicationScoped
public class ActorsResource {
    private static final JsonProvider JSON = Jsonp.provider();
    /** An operation another server of the group forwarded to this one, the actor's owner (ejb-actors' HttpForwarder). */
    static final String FORWARDED = "Capa-Actor-Forwarded";
    @Inject
    DaprActors actors;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response hosted() {
        JsonObjectBuilder types = JSON.createObjectBuilder();
        for (ActorTypeStatus s : actors.status()) {
            types.add(s.type(), status(s));
        }
        JsonObjectBuilder body = JSON.createObjectBuilder().add("types", types);
        List<ActorGroupMember> group = actors.members();
        if (!group.isEmpty()) {
            body.add("members", members(group));
        }
        return Response.ok(body.build().toString()).build();
    }

    @GET
    @Path("{type}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response hosted(@PathParam("type") String type) {
        return actors.status().stream().filter(s -> s.type().equals(type)).findFirst()
                .map(s -> Response.ok(status(s).toString()).build())
                .orElseThrow(() -> new DaprException(404, "ERR_ACTOR_INSTANCE_MISSING", "no actor type '" + type + "' is hosted here"));
    }

    private static JsonObject status(ActorTypeStatus s) {
        return JSON.createObjectBuilder().add("kind", s.kind()).add("count", s.active())
                .add("activations", s.activations()).add("deactivations", s.deactivations()).add("calls", s.calls())
                .add("errors", s.errors()).add("callMillisTotal", s.callMillisTotal()).build();
    }

    @GET
    @POST
    @PUT
    @DELETE
    @Path("{type}/{id}/method/{method}")
    @Consumes(MediaType.WILDCARD)
    public void invoke(@PathParam("type") String type, @PathParam("id") String id, @PathParam("method") String method,
                       @HeaderParam("Content-Type") String contentType, @HeaderParam("Dapr-Reentrancy-Id") String reentrancyId,
                       @HeaderParam(FORWARDED) String forwarded, byte[] body, @Suspended AsyncResponse response) {
        // an idle actor's turn runs on this thread (the answer is resumed before it returns); a busy actor's call
        // waits for its turn without holding it, and runs on the runtime's threads
        ActorId actor = DaprActors.actor(type, id);
        actors.forwarded(forwarded).invoke(actor, method, new ActorRequest(body, contentType, reentrancyId), (r, e) -> {
            if (e != null) {
                response.resume(e);
                return;
            }
            Response.ResponseBuilder ok = Response.ok();
            if (r.body().length > 0) {
                ok.entity(r.body()).type(r.contentType() == null ? MediaType.APPLICATION_JSON : r.contentType());
            }
            response.resume(ok.build());
        });
    }

    @POST
    @PUT
    @Path("{type}/{id}/state")
    @Consumes(MediaType.WILDCARD)
    public Response transaction(@PathParam("type") String type, @PathParam("id") String id, byte[] body) {
        ActorId actor = DaprActors.actor(type, id);
        actors.transaction(actor, operations(body));
        return Response.noContent().build();
    }

    @GET
    @Path("{type}/{id}/state/{key}")
    public Response state(@PathParam("type") String type, @PathParam("id") String id, @PathParam("key") String key) {
        return actors.state(DaprActors.actor(type, id), key)
                .map(v -> Response.ok(v, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @PUT
    @Path("{type}/{id}/reminders/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response createReminder(@PathParam("type") String type, @PathParam("id") String id, @PathParam("name") String name,
                                   @HeaderParam(FORWARDED) String forwarded, byte[] body) {
        ActorId actor = DaprActors.actor(type, id);
        DaprActors.checkName(name);
        JsonObject json = object(body);
        boolean overwrite = !json.containsKey("overwrite") || json.get("overwrite") != JsonValue.FALSE;
        actors.forwarded(forwarded).createReminder(actor, name, spec(json), overwrite);
        return Response.noContent().build();
    }

    @GET
    @Path("{type}/{id}/reminders/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reminder(@PathParam("type") String type, @PathParam("id") String id, @PathParam("name") String name) {
        ReminderView r = actors.reminder(DaprActors.actor(type, id), name);
        JsonObjectBuilder b = JSON.createObjectBuilder().add("actorID", r.actorId()).add("actorType", r.actorType());
        if (!r.dueTime().isEmpty()) {
            b.add("dueTime", r.dueTime());
        }
        if (!r.period().isEmpty()) {
            b.add("period", r.period());
        }
        if (r.ttl() != null) {
            b.add("ttl", r.ttl());
        }
        if (r.data() != null) {
            b.add("data", parse(r.data()));
        }
        return Response.ok(b.build().toString()).build();
    }

    @DELETE
    @Path("{type}/{id}/reminders/{name}")
    public Response deleteReminder(@PathParam("type") String type, @PathParam("id") String id, @PathParam("name") String name,
                                   @HeaderParam(FORWARDED) String forwarded) {
        actors.forwarded(forwarded).deleteReminder(DaprActors.actor(type, id), name);
        return Response.noContent().build();
    }

    @POST
    @PUT
    @Path("{type}/{id}/timers/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response createTimer(@PathParam("type") String type, @PathParam("id") String id, @PathParam("name") String name,
                                @HeaderParam(FORWARDED) String forwarded, byte[] body) {
        ActorId actor = DaprActors.actor(type, id);
        DaprActors.checkName(name);
        actors.forwarded(forwarded).createTimer(actor, name, spec(object(body)));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{type}/{id}/timers/{name}")
    public Response deleteTimer(@PathParam("type") String type, @PathParam("id") String id, @PathParam("name") String name,
                                @HeaderParam(FORWARDED) String forwarded) {
        actors.forwarded(forwarded).deleteTimer(DaprActors.actor(type, id), name);
        return Response.noContent().build();
    }

    /** The servers that share the actors (placement partitioned), each with the partitions it owns. */
    public static JsonArrayBuilder members(List<ActorGroupMember> group) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (ActorGroupMember m : group) {
            list.add(JSON.createObjectBuilder().add("url", m.url()).add("self", m.self())
                    .add("heartbeat", m.heartbeat().toString()).add("partitions", JSON.createArrayBuilder(m.partitions())));
        }
        return list;
    }

    // ---- helpers ----

    private static List<StateOperation> operations(byte[] body) {
        JsonValue json = parseBody(body);
        if (!(json instanceof JsonArray array)) {
            throw malformed("an actor state transaction is a JSON array of {\"operation\", \"request\"} objects");
        }
        List<StateOperation> ops = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject o) || !(o.get("request") instanceof JsonObject request)
                    || !(request.get("key") instanceof jakarta.json.JsonString key)) {
                throw malformed("each operation needs \"operation\" and a \"request\" object with a string \"key\"");
            }
            String operation = o.getString("operation", "");
            try {
                switch (operation) {
                    case "upsert" -> ops.add(StateOperation.upsert(key.getString(), request.getOrDefault("value", JsonValue.NULL).toString()));
                    case "delete" -> ops.add(StateOperation.delete(key.getString()));
                    default -> throw new DaprException(400, "ERR_NOT_SUPPORTED_STATE_OPERATION",
                            "operation type '" + operation + "' is not supported (upsert, delete)");
                }
            } catch (ActorException e) {
                throw malformed(e.getMessage());
            }
        }
        return ops;
    }

    private static ScheduleSpec spec(JsonObject json) {
        JsonValue data = json.get("data");
        return new ScheduleSpec(string(json, "dueTime"), string(json, "period"), string(json, "ttl"),
                data == null || data == JsonValue.NULL ? null : data.toString(), string(json, "callback"));
    }

    private static String string(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        throw malformed("\"" + field + "\" must be a string");
    }

    private static JsonObject object(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (parseBody(body) instanceof JsonObject o) {
            return o;
        }
        throw malformed("the body must be a JSON object");
    }

    private static JsonValue parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("the body is empty");
        }
        try {
            return JsonText.parse(body);
        } catch (jakarta.json.JsonException e) {
            throw malformed("the body is not JSON: " + e.getMessage());
        }
    }

    private static JsonValue parse(String json) {
        try (var reader = JSON.createReader(new java.io.StringReader(json))) {
            return reader.readValue();
        }
    }

    private static DaprException malformed(String message) {
        return new DaprException(400, "ERR_MALFORMED_REQUEST", message);
    }
}
