// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.http.LimitedInputStream;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The request body limit of every JAX-RS API of this WAR (the Dapr APIs, route registration, connectors):
 * {@code capa.dapr.max-body-bytes} (server.xml: 4 MiB like Dapr's default), so that no body of any size is read into
 * memory. The reverse proxy's {@code /functions/*} streams bodies and is not JAX-RS; the file API
 * ({@code /v1.0-alpha1/files/...}) streams them too, under its own limit ({@code capa.files.max-bytes}). Who may call the APIs is
 * {@link io.capaee.proxy.rest.ProxyAccessFilter}'s business.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BodyLimitFilter implements ContainerRequestFilter {
    private static final String FILES_PATH = "v1.0-alpha1/files/";

    private final long maxBodyBytes;

    public BodyLimitFilter() {
        this.maxBodyBytes = ConfigProvider.getConfig().getValue("capa.dapr.max-body-bytes", Long.class);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (filesApi(request.getUriInfo().getPath())) {
            return;
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBodyBytes, this::tooLarge));
        }
    }

    /**
     * Whether {@code path} is the file API's, which streams bodies to its store and bounds them itself. A
     * path with a {@code ..} segment is not (the file API refuses such names anyway), so that no
     * {@code files/../other} spelling can carry an unbounded body to another API.
     */
    static boolean filesApi(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith(FILES_PATH) && !List.of(p.split("/")).contains("..");
    }

    private DaprException tooLarge() {
        return tooLarge(maxBodyBytes);
    }

    /** The refusal of a body over {@code capa.dapr.max-body-bytes}, also for code that reads bodies before JAX-RS. */
    public static DaprException tooLarge(long maxBodyBytes) {
        return new DaprException(413, "ERR_BODY_TOO_LARGE", "the request body is larger than capa.dapr.max-body-bytes ("
                + maxBodyBytes + " bytes)");
    }
}
