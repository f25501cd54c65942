// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.json.JsonBody;
import io.capaee.api.routes.RouteTable;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capsule's route registration API (spec 5.4), same paths, bodies, 202/500 statuses and
 * responses, so that its {@code curl} commands and its worker work unchanged. Bodies are read
 * as JSON whatever their content type; a malformed body is a 400 problem, never a dropped
 * connection. Changes are admin operations; the listings are open, as in Capsule 0.1.9.
 */
@Path("/memory/functions")
@RequestScoped
@Consumes(MediaType.WILDCARD)
public class RegistrationResource {
    @Inject
    RouteTable routes;

    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("list")
    public Response list() {
        return CapsuleJson.response(200, CapsuleJson.routes(routes.snapshot()));
    }

    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("{function}/{revision}/urls")
    public Response urls(@PathParam("function") String function, @PathParam("revision") String revision) {
        return CapsuleJson.response(200, routes.urls(function, revision).map(CapsuleJson::indentedUrls).orElse("null"));
    }

    @POST
    @Path("registration")
    @RequiresAccess(Access.ADMIN)
    public Response register(String body) {
        JsonBody json = JsonBody.parse(body);
        String function = json.name("function");
        String revision = json.name("revision");
        String url = json.url("url");
        routes.createFunction(function, revision, url);
        return accepted(function, "Function created", revision, url);
    }

    @DELETE
    @Path("registration")
    @RequiresAccess(Access.ADMIN)
    public Response unregister(String body) {
        String function = JsonBody.parse(body).required("function");
        routes.removeFunction(function);
        return accepted(function, "Function removed", null, null);
    }

    @POST
    @Path("{function}/revision")
    @RequiresAccess(Access.ADMIN)
    public Response addRevision(@PathParam("function") String function, String body) {
        JsonBody json = JsonBody.parse(body);
        String revision = json.name("revision");
        String url = json.url("url");
        routes.addRevision(function, revision, url);
        return accepted(function, "Revision added to the function", revision, url);
    }

    @DELETE
    @Path("{function}/revision")
    @RequiresAccess(Access.ADMIN)
    public Response removeRevision(@PathParam("function") String function, String body) {
        String revision = JsonBody.parse(body).required("revision");
        routes.removeRevision(function, revision);
        return accepted(function, "Revision removed from the function", revision, null);
    }

    @POST
    @Path("{function}/{revision}/url")
    @RequiresAccess(Access.ADMIN)
    public Response addUrl(@PathParam("function") String function, @PathParam("revision") String revision, String body) {
        String url = JsonBody.parse(body).url("url");
        routes.addUrl(function, revision, url);
        return accepted(function, "URL added to the revision", revision, url);
    }

    @DELETE
    @Path("{function}/{revision}/url")
    @RequiresAccess(Access.ADMIN)
    public Response removeUrl(@PathParam("function") String function, @PathParam("revision") String revision, String body) {
        String url = JsonBody.parse(body).required("url");
        routes.removeUrl(function, revision, url);
        return accepted(function, "URL removed from the revision", revision, url);
    }

    private static Response accepted(String function, String message, String revision, String url) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", "OK");
        fields.put("function", function);
        fields.put("message", message);
        if (revision != null) {
            fields.put("revision", revision);
        }
        if (url != null) {
            fields.put("url", url);
        }
        return CapsuleJson.response(202, CapsuleJson.object(fields));
    }

}
