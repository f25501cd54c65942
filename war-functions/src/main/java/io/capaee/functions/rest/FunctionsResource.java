// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import io.capaee.functions.service.Deployment;
import io.capaee.functions.service.FunctionRegistry;
import io.capaee.functions.service.FunctionsConfig;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capsule's HTTP mode for every deployed function: {@code /functions/{name}} calls the default
 * revision, {@code /functions/{name}/{revision}} a named one, with any method.
 */
@Path("/functions")
@ApplicationScoped
public class FunctionsResource {
    @Inject
    FunctionRegistry registry;

    @Inject
    FunctionsConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FunctionList list() {
        return FunctionList.of(registry.deployments(), registry.failures());
    }

    // "{name}" or "{name}/{revision}": one template, so each HTTP method needs one resource method.
    private static final String FUNCTION = "{name}{revision: (/[^/]+)?}";

    @GET
    @Path(FUNCTION)
    public Response get(@PathParam("name") String name, @PathParam("revision") String rev, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call("GET", name, rev, h, u, body);
    }

    @POST
    @Path(FUNCTION)
    public Response post(@PathParam("name") String name, @PathParam("revision") String rev, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call("POST", name, rev, h, u, body);
    }

    @PUT
    @Path(FUNCTION)
    public Response put(@PathParam("name") String name, @PathParam("revision") String rev, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call("PUT", name, rev, h, u, body);
    }

    @DELETE
    @Path(FUNCTION)
    public Response delete(@PathParam("name") String name, @PathParam("revision") String rev, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call("DELETE", name, rev, h, u, body);
    }

    @PATCH
    @Path(FUNCTION)
    public Response patch(@PathParam("name") String name, @PathParam("revision") String rev, @Context HttpHeaders h, @Context HttpServletRequest u, InputStream body) {
        return call("PATCH", name, rev, h, u, body);
    }

    private Response call(String method, String name, String revisionPath, HttpHeaders headers, HttpServletRequest uri, InputStream body) {
        String revision = revisionPath == null || revisionPath.isEmpty() ? FunctionRegistry.DEFAULT_REVISION : revisionPath.substring(1);
        Deployment deployment = registry.find(name, revision);
        String text = readBody(body, headers);
        HttpInvocation invocation = new HttpInvocation(method, guestUri(uri), firstValues(headers), text);
        long start = System.nanoTime();
        boolean failed = true;
        try {
            HttpReply reply = deployment.function().callHttp(invocation);
            failed = reply.status() >= 500;
            Response.ResponseBuilder response = Response.status(reply.status());
            reply.headers().forEach(response::header);
            return response.entity(reply.body().getBytes(StandardCharsets.UTF_8)).build();
        } finally {
            deployment.metrics().record(Duration.ofNanos(System.nanoTime() - start), failed);
        }
    }

    /**
     * The function sees itself mounted at {@code /}, as under Capsule, so that 0.1.9 guests'
     * {@code ParseQueryString} (which splits on {@code /?}) still finds the query.
     */
    private static String guestUri(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? "/" : "/?" + query;
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

    private String readBody(InputStream body, HttpHeaders headers) {
        if (body == null || headers.getLength() == 0) {
            return "";
        }
        long limit = config.maxBodyBytes();
        try {
            // Most calls carry a small body or none: start small, grow only when there is more.
            byte[] first = new byte[1024];
            int n = body.readNBytes(first, 0, first.length);
            if (n < first.length) {
                return new String(first, 0, n, StandardCharsets.UTF_8);
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(4096);
            all.write(first, 0, n);
            byte[] chunk = new byte[8192];
            int read;
            while ((read = body.read(chunk)) >= 0) {
                all.write(chunk, 0, read);
                if (all.size() > limit) {
                    throw new PayloadTooLargeException("request body is larger than functions.max-body-bytes = " + limit + " bytes");
                }
            }
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WasmFunctionException(WasmFunctionException.Reason.BAD_INPUT, "request body could not be read: " + e.getMessage(), e);
        }
    }

    /** The listing of {@code GET /functions}. */
    public record FunctionList(List<FunctionEntry> functions, List<FailureEntry> failures) {
        static FunctionList of(List<Deployment> deployments, List<io.capaee.functions.service.DeploymentFailure> failed) {
            return new FunctionList(
                    deployments.stream().map(FunctionEntry::of).toList(),
                    failed.stream().map(f -> new FailureEntry(f.name(), f.revision(), f.source(), f.message(), f.at().toString())).toList());
        }
    }

    /** One deployed revision in the listing. */
    public record FunctionEntry(String name, String revision, String sha256, int size, String abi, boolean cli, boolean http,
            boolean compiled, String source, String deployedAt) {
        static FunctionEntry of(Deployment d) {
            var info = d.function().info();
            return new FunctionEntry(d.name(), d.revision(), info.sha256(), info.size(),
                    info.generation() == io.capaee.api.wasm.AbiGeneration.V0_1_3 ? "0.1.3" : "0.1.9",
                    info.cli(), info.http(), info.compiled(), d.source(), d.deployedAt().toString());
        }
    }

    /** A revision whose last deployment failed. */
    public record FailureEntry(String name, String revision, String source, String message, String at) {}
}
