// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.json.JsonBody;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.wasm.capsule.GoJson;
import io.capaee.functions.service.ListingText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Capsule's worker API at {@code /wasm/worker/functions/...}, with its paths, bodies, codes and
 * 202 statuses (spec section 7.3/7.4), deploying into this server instead of spawning processes.
 * Everything but the listing is an admin operation.
 */
@Path("/worker/functions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WorkerResource {
    @Inject
    WorkerService worker;

    @POST
    @Path("deploy")
    @RequiresAccess(Access.ADMIN)
    public Response deploy(String body) {
        JsonBody json = JsonBody.parse(body);
        WorkerService.Deployed deployed = worker.deploy(json.required("function"), json.required("revision"),
                json.optional("module"), json.optional("downloadUrl"), json.optional("digest"), json.stringMap("envVariables"));
        WorkerDeployment d = deployed.deployment();
        return accepted(Jsonp.createObjectBuilder()
                .add("code", "FUNCTION_DEPLOYED")
                .add("function", d.function())
                .add("revision", d.revision())
                .add("localUrl", d.localUrl())
                .add("remoteUrl", d.remoteUrl())
                .add("message", "Function deployed")
                .add("sha256", d.sha256())
                .add("instances", deployed.instances()));
    }

    /**
     * Capsule's listing, minus what it leaked: environment variables by name only, the URLs as
     * paths on this server, a download URL as the word {@code download}. A revision of the desired
     * state that does not run as stored (its module left the registry, its digest changed) is
     * listed with a {@code failure} saying why, next to what runs of it: no instance when nothing
     * does, so a client that reads Capsule's fields sees a revision with no modules.
     */
    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("list")
    public Response list() {
        return Response.status(Response.Status.ACCEPTED).type(MediaType.APPLICATION_JSON).entity(listing(worker)).build();
    }

    static String listing(WorkerService worker) {
        Map<String, Map<String, JsonObjectBuilder>> functions = new TreeMap<>();
        Map<String, String> failed = worker.failedDeployments();
        for (WorkerDeployment d : worker.deployments()) {
            JsonObjectBuilder modules = Jsonp.createObjectBuilder();
            for (int i = 1; i <= worker.instances(d); i++) {
                // Names only: the values are often credentials, and this listing is not an admin operation.
                modules.add(String.valueOf(i), Jsonp.createObjectBuilder()
                        .add("envVariables", Jsonp.createArrayBuilder(new TreeSet<>(d.environment().keySet())))
                        .add("localUrl", ListingText.path(d.localUrl()))
                        .add("remoteUrl", ListingText.path(d.remoteUrl())));
            }
            JsonObjectBuilder revision = Jsonp.createObjectBuilder()
                    .add("isDefaultRevision", String.valueOf(worker.isDefault(d)))
                    .add("sha256", d.sha256())
                    .add("wasmModules", modules)
                    .add("wasmRegistryUrl", worker.listedRegistryUrl(d));
            String failure = failed.remove(d.function() + "/" + d.revision());
            if (failure != null) {
                revision.add("failure", failure);
            }
            functions.computeIfAbsent(d.function(), f -> new TreeMap<>()).put(d.revision(), revision);
        }
        failed.forEach((id, failure) -> {
            int slash = id.indexOf('/'); // the ids are function/revision
            functions.computeIfAbsent(id.substring(0, slash), f -> new TreeMap<>()).put(id.substring(slash + 1), Jsonp.createObjectBuilder()
                    .add("failure", failure)
                    .add("isDefaultRevision", "false")
                    .add("wasmModules", Jsonp.createObjectBuilder()));
        });
        JsonObjectBuilder all = Jsonp.createObjectBuilder();
        functions.forEach((function, revisions) -> {
            JsonObjectBuilder r = Jsonp.createObjectBuilder();
            revisions.forEach(r::add);
            all.add(function, r);
        });
        return GoJson.write(all.build());
    }

    @POST
    @Path("set_default_revision")
    @RequiresAccess(Access.ADMIN)
    public Response setDefault(String body) {
        Target target = Target.of(body);
        String url = worker.setDefault(target.function(), target.revision());
        return accepted(Jsonp.createObjectBuilder()
                .add("code", "DEFAULT_REVISION_REGISTERED")
                .add("function", target.function())
                .add("message", "Default revision registered")
                .add("revision", target.revision())
                .add("url", url));
    }

    @DELETE
    @Path("remove_default_revision")
    @RequiresAccess(Access.ADMIN)
    public Response removeDefault(String body) {
        String function = JsonBody.parse(body).required("function");
        if (!worker.removeDefault(function)) {
            throw new WorkerException(404, "function '" + function + "' has no default revision");
        }
        return accepted(Jsonp.createObjectBuilder()
                .add("code", "DEFAULT_REVISION_REMOVED")
                .add("function", function)
                .add("message", "Default revision removed"));
    }

    @DELETE
    @Path("revisions/deployments")
    @RequiresAccess(Access.ADMIN)
    public Response removeRevision(String body) {
        Target target = Target.of(body);
        worker.remove(target.function(), target.revision());
        return accepted(Jsonp.createObjectBuilder()
                .add("code", "REVISION_DEPLOYMENT_REMOVED")
                .add("function", target.function())
                .add("message", "revision deployment removed (all its instances stopped)")
                .add("revision", target.revision()));
    }

    @DELETE
    @Path("revisions/downscale")
    @RequiresAccess(Access.ADMIN)
    public Response downscale(String body) {
        Target target = Target.of(body);
        Optional<Integer> left = worker.downscale(target.function(), target.revision());
        JsonObjectBuilder answer = Jsonp.createObjectBuilder().add("function", target.function()).add("revision", target.revision());
        if (left.isPresent()) {
            answer.add("code", "WASM_MODULE_DEPLOYMENT_REMOVED")
                    .add("message", "wasm module deployment removed (one instance stopped)")
                    .add("instances", left.get());
        } else {
            answer.add("code", "WASM_MODULE_DEPLOYMENT_NOT_REMOVED")
                    .add("message", "wasm module deployment not removed (the revision needs at least one running wasm module)")
                    .add("instances", 1);
        }
        return accepted(answer);
    }

    /** Capsule answered every worker route with 202 and compact JSON, keys sorted. */
    private static Response accepted(JsonObjectBuilder body) {
        return Response.status(Response.Status.ACCEPTED).type(MediaType.APPLICATION_JSON).entity(GoJson.write(body.build())).build();
    }

    /** The function and revision a request body names, both required. */
    private record Target(String function, String revision) {
        static Target of(String body) {
            JsonBody json = JsonBody.parse(body);
            return new Target(json.required("function"), json.required("revision"));
        }
    }
}
