// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.wasm.capsule.HttpReply;
import io.capaee.functions.service.Deployment;
import io.capaee.functions.service.FunctionRegistry;
import io.capaee.functions.service.FunctionsConfig;
import io.capaee.functions.service.ListingText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capsule's HTTP mode for every deployed function: {@code /functions/{name}} calls the default
 * revision, {@code /functions/{name}/{revision}} a named one, with any method. GET, POST, PUT,
 * DELETE and PATCH calls are answered before JAX-RS by {@link FunctionCallFilter}; these methods
 * still serve HEAD and anything the filter leaves to JAX-RS.
 */
@RequiresAccess(Access.PUBLIC)
@Path("/functions")
@ApplicationScoped
public class FunctionsResource {
    @Inject
    FunctionRegistry registry;

    @Inject
    FunctionCaller caller;

    @Inject
    FunctionsConfig config;

    @RequiresAccess(Access.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FunctionList list() {
        return FunctionList.of(registry.deployments(), registry.failures(), config.directory());
    }

    // two methods rather than one path with an optional regex segment: OpenAPI documents a template as it is
    // written, and "{name}{revision: (/[^/]+)?}" came out as the path /functions/{name}{revision}
    @GET
    @POST
    @PUT
    @DELETE
    @PATCH
    @Path("{name}")
    public Response callDefault(@PathParam("name") String name, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call(method(u), name, FunctionRegistry.DEFAULT_REVISION, h, u, body);
    }

    @GET
    @POST
    @PUT
    @DELETE
    @PATCH
    @Path("{name}/{revision}")
    public Response call(@PathParam("name") String name, @PathParam("revision") String rev, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call(method(u), name, rev, h, u, body);
    }

    /** HEAD comes here as JAX-RS's implicit GET, and the guest is called with GET. */
    private static String method(HttpServletRequest request) {
        return request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
    }

    private Response call(String method, String name, String revision, HttpHeaders headers, HttpServletRequest request, InputStream body) {
        HttpReply reply = caller.call(method, name, revision, FunctionCaller.guestUri(request.getQueryString()),
                firstValues(headers), body, headers.getLength());
        Response.ResponseBuilder response = Response.status(reply.status());
        reply.headers().forEach(response::header);
        return response.entity(reply.body().getBytes(StandardCharsets.UTF_8)).build();
    }

    private static Map<String, String> firstValues(HttpHeaders headers) {
        Map<String, String> first = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }

    /** The listing of {@code GET /functions}: sources as {@link ListingText#source}, never a server path. */
    public record FunctionList(List<FunctionEntry> functions, List<FailureEntry> failures) {
        static FunctionList of(List<Deployment> deployments, List<io.capaee.functions.service.DeploymentFailure> failed, java.nio.file.Path directory) {
            return new FunctionList(
                    deployments.stream().map(d -> FunctionEntry.of(d, directory)).toList(),
                    failed.stream().map(f -> new FailureEntry(f.name(), f.revision(), ListingText.source(directory, f.source()), f.message(),
                            f.at().toString())).toList());
        }
    }

    /** One deployed revision in the listing. */
    public record FunctionEntry(String name, String revision, String sha256, int size, String abi, boolean cli, boolean http,
            boolean compiled, String source, String deployedAt) {
        static FunctionEntry of(Deployment d, java.nio.file.Path directory) {
            var info = d.function().info();
            return new FunctionEntry(d.name(), d.revision(), info.sha256(), info.size(),
                    info.generation() == io.capaee.api.wasm.AbiGeneration.V0_1_3 ? "0.1.3" : "0.1.9",
                    info.cli(), info.http(), info.compiled(), ListingText.source(directory, d.source()), d.deployedAt().toString());
        }
    }

    /** A revision whose last deployment failed. */
    public record FailureEntry(String name, String revision, String source, String message, String at) {}
}
