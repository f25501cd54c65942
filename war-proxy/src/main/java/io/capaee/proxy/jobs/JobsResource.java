// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.jobs;

import io.capaee.api.jobs.JobScheduler;
import io.capaee.api.jobs.JobView;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * The schedule API (cloud-runtimes' {@code ScheduleService}) in the shape of Dapr's Jobs API:
 * {@code POST /v1.0-alpha1/jobs/{name}} schedules (204), {@code GET} reads one, {@code DELETE} removes one
 * (204), and {@code GET /v1.0-alpha1/jobs} lists them all. Errors are problem details with Dapr's
 * {@code errorCode} ({@link JobRefusals}).
 */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {
    // another module's bean: named, not left to the container's matching by interface
    @EJB(lookup = "java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.jobs.JobScheduler")
    JobScheduler jobs;

    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response schedule(@PathParam("name") String name, String body) {
        return call(() -> {
            JobJson.Request request = JobJson.parse(name, body);
            jobs.schedule(request.spec(), request.overwrite());
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return call(() -> {
            JobView view = jobs.get(name).orElseThrow(() -> notFound(name));
            return Response.ok(JobJson.view(view).toString()).build();
        });
    }

    @GET
    public Response list() {
        return call(() -> {
            JsonArrayBuilder all = Jsonp.createArrayBuilder();
            jobs.list().forEach(view -> all.add(JobJson.view(view)));
            return Response.ok(Jsonp.createObjectBuilder().add("jobs", all).build().toString()).build();
        });
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        return call(() -> {
            if (!jobs.delete(name)) {
                throw notFound(name);
            }
            return Response.noContent().build();
        });
    }

    private static Response call(Supplier<Response> action) {
        return JobRefusals.call(action);
    }

    private static DaprException notFound(String name) {
        return JobRefusals.notFound(name);
    }
}
