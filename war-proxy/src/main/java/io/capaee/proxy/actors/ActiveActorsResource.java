// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import io.capaee.api.actors.ActiveIdPage;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprExceptionMapper;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The operator's view of the actors active on this server, by id, and the operator's one action on them:
 * {@code GET /v1.0-alpha1/actors/{type}/active?offset=&limit=} (viewer) and
 * {@code DELETE /v1.0-alpha1/actors/{type}/{id}/activation} (admin). Ids are kept from Dapr's
 * {@code GET /v1.0/actors}, which counts only, because an application's token must not list another's actors.
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
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            return DaprExceptionMapper.response(400, "ERR_MALFORMED_REQUEST",
                    "offset must be 0 or more and limit between 1 and " + MAX_LIMIT);
        }
        if (!runtime.types().contains(type)) {
            return unknownType(type);
        }
        ActiveIdPage page = runtime.activeIds(type, offset, limit);
        return Response.ok(Json.createObjectBuilder().add("type", page.type()).add("total", page.total())
                .add("offset", page.offset()).add("ids", Json.createArrayBuilder(page.ids())).build().toString()).build();
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

    private static Response unknownType(String type) {
        return DaprExceptionMapper.response(404, "ERR_ACTOR_INSTANCE_MISSING", "no actor type '" + type + "' is hosted here");
    }
}
