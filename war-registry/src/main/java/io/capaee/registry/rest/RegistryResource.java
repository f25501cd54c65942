// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.metrics.RegistryMetrics;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.RegistryException;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.registry.service.RegistryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Capsule's registry paths (spec section 6) with digests, immutable tags and deletion. Path
 * parts are checked by {@link ModuleCoordinates} (so {@code ..}, sent raw or as {@code %2e%2e},
 * never reaches the file system); only {@code <name>.wasm} and {@code <name>.info} are served.
 */
@Path("/")
public class RegistryResource {
    static final String WASM = "application/wasm";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,255}");
    /** After a refused upload, read on this far so that the client sees the answer rather than a reset. */
    private static final long DRAIN_LIMIT = 16L << 20;

    @Inject
    RegistryService registry;

    @Inject
    RegistryMetrics metrics;

    @Context
    UriInfo uri;

    @POST
    @Path("upload/{org}/{name}/{tag}")
    @RequiresAccess(Access.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("org") String org, @PathParam("name") String name, @PathParam("tag") String tag,
            @QueryParam("replace") String replace, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        try {
            ModuleCoordinates coordinates = new ModuleCoordinates(org, name, tag);
            MultipartUpload.Result result = MultipartUpload.store(registry.store(), coordinates, flag("replace", replace),
                    registry.maxModuleBytes(), contentType, body);
            ModuleRecord r = result.record();
            metrics.uploaded(r.size());
            return Response.ok(new Outcome("OK", "\uD83D\uDE42 " + result.fileName() + " uploaded!", coordinates.toString(), r.sha256(), r.size()))
                    .build();
        } catch (RegistryException e) {
            drain(body);
            throw e;
        }
    }

    @RequiresAccess(Access.PUBLIC)
    @GET
    @Path("{org}/{name}/{tag}/{file}")
    public Response download(@PathParam("org") String org, @PathParam("name") String name, @PathParam("tag") String tag,
            @PathParam("file") String file, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ModuleCoordinates coordinates = new ModuleCoordinates(org, name, tag);
        if (!FILE.matcher(file).matches()) {
            throw new RegistryException(RegistryException.Reason.BAD_NAME, "invalid file name '" + file + "'");
        }
        boolean wasm = file.equals(name + ".wasm");
        if (!wasm && !file.equals(name + ".info")) {
            throw new RegistryException(RegistryException.Reason.NOT_FOUND,
                    "module " + coordinates + " has only " + name + ".wasm and " + name + ".info, not " + file);
        }
        ModuleStore store = registry.store();
        ModuleRecord record = find(coordinates);
        if (!wasm) {
            byte[] text = (record.info() + "\n").getBytes(StandardCharsets.UTF_8);
            return conditional(sha256(text), ifNoneMatch, () -> Response.ok(text, "text/plain; charset=utf-8"));
        }
        if (matches(ifNoneMatch, "\"" + record.sha256() + "\"")) {
            return conditional(record.sha256(), ifNoneMatch, Response::notModified);
        }
        InputStream in = store.open(coordinates);
        ModuleRecord opened = find(coordinates);
        if (!opened.sha256().equals(record.sha256())) {
            // replaced between the two reads: the file opened is the new one, so is its record
            record = opened;
        }
        InputStream bytes = in;
        long size = record.size();
        metrics.downloaded(size);
        return conditional(record.sha256(), null, () -> Response.ok(bytes, WASM).header(HttpHeaders.CONTENT_LENGTH, size));
    }

    @RequiresAccess(Access.PUBLIC)
    @GET
    @Path("info/{org}/{name}/{tag}")
    public Response info(@PathParam("org") String org, @PathParam("name") String name, @PathParam("tag") String tag,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ModuleRecord record = find(new ModuleCoordinates(org, name, tag));
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(ModuleJson.of(record, uri), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(record.info() + "\n", "text/plain; charset=utf-8").build();
    }

    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("modules")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ModuleJson> modules(@QueryParam("org") String org, @QueryParam("name") String name) {
        Optional<String> byOrg = Optional.ofNullable(org).filter(s -> !s.isEmpty());
        Optional<String> byName = Optional.ofNullable(name).filter(s -> !s.isEmpty());
        // the same rules as module paths: an odd filter is a client error, not an empty result
        new ModuleCoordinates(byOrg.orElse("any"), byName.orElse("any"), "any");
        return registry.store().list(byOrg, byName).stream().map(r -> ModuleJson.of(r, uri)).toList();
    }

    @DELETE
    @Path("{org}/{name}/{tag}")
    @RequiresAccess(Access.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome delete(@PathParam("org") String org, @PathParam("name") String name, @PathParam("tag") String tag) {
        ModuleCoordinates coordinates = new ModuleCoordinates(org, name, tag);
        if (!registry.store().delete(coordinates)) {
            throw RegistryException.notFound(coordinates);
        }
        return new Outcome("OK", coordinates + " deleted", coordinates.toString(), null, null);
    }

    private ModuleRecord find(ModuleCoordinates coordinates) {
        return registry.store().find(coordinates).orElseThrow(() -> RegistryException.notFound(coordinates));
    }

    /** 304 when the client already has this digest; otherwise the response with ETag and Digest. */
    static Response conditional(String sha256, String ifNoneMatch, java.util.function.Supplier<Response.ResponseBuilder> full) {
        String etag = "\"" + sha256 + "\"";
        String digest = "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
        Response.ResponseBuilder builder = matches(ifNoneMatch, etag) ? Response.notModified() : full.get();
        return builder.header(HttpHeaders.ETAG, etag).header("Digest", digest).build();
    }

    /** RFC 9110 If-None-Match: {@code *} or a list of (possibly weak) entity tags. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static boolean flag(String name, String value) {
        if (value == null || value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        throw new RegistryException(RegistryException.Reason.MISSING_PART, "query parameter " + name + " must be true or false, was '" + value + "'");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void drain(InputStream body) {
        try {
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away; the refusal is answered anyway
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // a read-only file stream; nothing was lost
        }
    }
}
