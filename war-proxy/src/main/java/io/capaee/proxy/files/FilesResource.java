// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.files;

import io.capaee.api.files.FileConnection;
import io.capaee.api.files.FileConnectionFactory;
import io.capaee.api.files.FileException;
import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileListing;
import io.capaee.api.files.FileRead;
import io.capaee.api.files.FileStore;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file API (cloud-runtimes' {@code FileService}) over the stores server.xml declares as
 * {@code eis/capa/files/NAME}: {@code PUT|GET|HEAD|DELETE /v1.0-alpha1/files/{store}/{name}} (a name
 * may hold {@code /}) and {@code GET /v1.0-alpha1/files/{store}?prefix=&marker=&limit=}. Bodies are
 * streamed both ways, never held in memory; a put is refused past the store's {@code maxBytes}
 * ({@code capa.files.max-bytes}) with 413, at once when {@code Content-Length} says so, else when
 * the limit is reached, and nothing of it is kept. Errors are problem details with an
 * {@code errorCode}: unknown store or file 404, a bad name or parameter 400, too large 413, the
 * store unreachable 503, its failure 500.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/files/{store}")
public class FilesResource {
    private static final Logger LOG = Logger.getLogger(FilesResource.class.getName());
    private static final int DEFAULT_LIMIT = 100;

    @Inject
    JndiComponents components;

    @PUT
    @Path("{name: .+}")
    public Response put(@PathParam("store") String store, @PathParam("name") String name, @Context HttpHeaders headers,
            InputStream body) {
        FileConnectionFactory factory = factory(store);
        if (headers.getLength() > factory.maxBytes()) {
            throw new DaprException(413, "ERR_FILE_TOO_LARGE", "file '" + name + "' is " + headers.getLength()
                    + " bytes (Content-Length), larger than the limit of " + factory.maxBytes() + " bytes (capa.files.max-bytes); nothing was stored");
        }
        FileInfo info = call(store, factory, files -> files.put(name, body, FileHeaders.metadata(headers), factory.maxBytes()));
        return FileHeaders.on(Response.ok(FileJson.info(info).toString(), MediaType.APPLICATION_JSON_TYPE), info).build();
    }

    @GET
    @Path("{name: .+}")
    public Response get(@PathParam("store") String store, @PathParam("name") String name) {
        FileConnectionFactory factory = factory(store);
        FileRead read = call(store, factory, files -> files.open(name)).orElseThrow(() -> notFound(store, name));
        StreamingOutput content = out -> {
            try (read) {
                read.writeTo(out);
            } catch (FileException e) {
                // the status and headers are sent: all that is left is to cut the response short
                LOG.log(Level.WARNING, "file store {0}: reading {1} failed after the headers were sent: {2}",
                        new Object[] {store, name, e.getMessage()});
                throw new IOException(e.getMessage(), e);
            }
        };
        return FileHeaders.on(Response.ok(content, read.info().contentType()), read.info()).build();
    }

    @HEAD
    @Path("{name: .+}")
    public Response stat(@PathParam("store") String store, @PathParam("name") String name) {
        FileConnectionFactory factory = factory(store);
        FileInfo info = call(store, factory, files -> files.stat(name)).orElseThrow(() -> notFound(store, name));
        return FileHeaders.on(Response.ok().type(info.contentType()), info).build();
    }

    @DELETE
    @Path("{name: .+}")
    public Response delete(@PathParam("store") String store, @PathParam("name") String name) {
        FileConnectionFactory factory = factory(store);
        if (!call(store, factory, files -> files.delete(name))) {
            throw notFound(store, name);
        }
        return Response.noContent().build();
    }

    @GET
    public Response list(@PathParam("store") String store, @QueryParam("prefix") String prefix,
            @QueryParam("marker") String marker, @QueryParam("limit") String limit) {
        int max = limit(limit);
        FileConnectionFactory factory = factory(store);
        FileListing listing = call(store, factory, files -> files.list(prefix, marker, max));
        return Response.ok(FileJson.listing(listing).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= FileStore.MAX_LIST) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new DaprException(400, "ERR_MALFORMED_REQUEST", "limit must be a whole number from 1 to " + FileStore.MAX_LIST + ", got '" + limit + "'");
    }

    private FileConnectionFactory factory(String store) {
        return components.find("files", store, FileConnectionFactory.class).orElseThrow(() -> new DaprException(404,
                "ERR_FILE_STORE_NOT_FOUND", "no file store named " + store + " (a <connectionFactory jndiName=\"eis/capa/files/" + store + "\"> in server.xml)"));
    }

    private static DaprException notFound(String store, String name) {
        return new DaprException(404, "ERR_FILE_NOT_FOUND", "file store " + store + " has no file '" + name + "'");
    }

    private static <T> T call(String store, FileConnectionFactory factory, FileCall<T> action) {
        try (FileConnection files = factory.getConnection()) {
            return action.apply(files);
        } catch (FileException e) {
            throw FileErrors.toDapr(store, factory, e);
        }
    }

    @FunctionalInterface
    private interface FileCall<T> {
        T apply(FileConnection files);
    }
}
