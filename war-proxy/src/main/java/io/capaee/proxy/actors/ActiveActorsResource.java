// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import io.capaee.api.actors.ActiveActor;
import io.capaee.api.actors.ActiveIdPage;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorReminder;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ReminderPage;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprExceptionMapper;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The operator's view of the actors active on this server, by id, and the operator's one action on them:
 * {@code GET /v1.0-alpha1/actors/{type}/active?offset=&limit=} (viewer: each active actor with its calls waiting for
 * their turn and its reminders armed here), {@code GET /v1.0-alpha1/actors/{type}/reminders?offset=&limit=} (viewer:
 * the type's reminders this server fires), {@code GET /v1.0-alpha1/actors/{type}/{id}/reminders} (viewer: one actor's
 * stored reminders, wherever they fire) and {@code DELETE /v1.0-alpha1/actors/{type}/{id}/activation} (admin). Ids are
 * kept from Dapr's {@code GET /v1.0/actors}, which counts only, because an application's token must not list
 * another's actors.
 */
@Path("/v1.0-alpha1/actors")
@ApplicationScoped
public class ActiveActorsResource {
    static final int MAX_LIMIT = 1000;

    @EJB(lookup = "java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.actors.ActorRuntime")
    ActorRuntime runtime;

    @GET
    @Path("{type}/active")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAccess(Access.VIEWER)
    public Response active(@PathParam("type") String type, @QueryParam("offset") @DefaultValue("0") int offset,
                           @QueryParam("limit") @DefaultValue("50") int limit) {
        Response refused = refusePage(type, offset, limit);
        if (refused != null) {
            return refused;
        }
        ActiveIdPage page = runtime.activeIds(type, offset, limit);
        JsonArrayBuilder actors = Jsonp.createArrayBuilder();
        for (ActiveActor a : page.actors()) {
            actors.add(Jsonp.createObjectBuilder().add("id", a.id()).add("queued", a.queued()).add("busy", a.busy())
                    .add("reminders", a.reminders()));
        }
        return Response.ok(Jsonp.createObjectBuilder().add("type", page.type()).add("total", page.total())
                .add("offset", page.offset()).add("ids", Jsonp.createArrayBuilder(page.ids())).add("actors", actors)
                .build().toString()).build();
    }

    @GET
    @Path("{type}/reminders")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAccess(Access.VIEWER)
    public Response reminders(@PathParam("type") String type, @QueryParam("offset") @DefaultValue("0") int offset,
                              @QueryParam("limit") @DefaultValue("50") int limit) {
        Response refused = refusePage(type, offset, limit);
        if (refused != null) {
            return refused;
        }
        ReminderPage page = runtime.reminders(type, offset, limit);
        return Response.ok(Jsonp.createObjectBuilder().add("type", page.type()).add("total", page.total())
                .add("offset", page.offset()).add("reminders", reminders(page.reminders())).build().toString()).build();
    }

    @GET
    @Path("{type}/{id}/reminders")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAccess(Access.VIEWER)
    public Response actorReminders(@PathParam("type") String type, @PathParam("id") String id) {
        if (!runtime.types().contains(type)) {
            return unknownType(type);
        }
        ActorId actor = DaprActors.actor(type, id);
        return Response.ok(Jsonp.createObjectBuilder().add("type", type).add("id", actor.id())
                .add("reminders", reminders(runtime.reminders(actor))).build().toString()).build();
    }

    @DELETE
    @Path("{type}/{id}/activation")
    @RequiresAccess(Access.ADMIN)
    public Response deactivate(@PathParam("type") String type, @PathParam("id") String id) {
        if (!runtime.types().contains(type)) {
            return unknownType(type);
        }
        if (!runtime.deactivate(DaprActors.actor(type, id))) {
            return DaprExceptionMapper.response(404, "ERR_ACTOR_INSTANCE_MISSING",
                    "actor " + new ActorId(type, id) + " is not active on this server");
        }
        return Response.noContent().build();
    }

    /** The refusal of a page's request (bad bounds, unknown type), or null. */
    private Response refusePage(String type, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            return DaprExceptionMapper.response(400, "ERR_MALFORMED_REQUEST",
                    "offset must be 0 or more and limit between 1 and " + MAX_LIMIT);
        }
        return runtime.types().contains(type) ? null : unknownType(type);
    }

    private static JsonArrayBuilder reminders(List<ActorReminder> reminders) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (ActorReminder r : reminders) {
            JsonObjectBuilder o = Jsonp.createObjectBuilder().add("actorId", r.actorId()).add("name", r.name())
                    .add("dueTime", r.dueTime()).add("period", r.period()).add("next", r.next().toString())
                    .add("remaining", r.remaining());
            if (r.expiresAt() != null) {
                o.add("expiresAt", r.expiresAt().toString());
            }
            list.add(o);
        }
        return list;
    }

    private static Response unknownType(String type) {
        return DaprExceptionMapper.response(404, "ERR_ACTOR_INSTANCE_MISSING", "no actor type '" + type + "' is hosted here");
    }
}
