// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.http.LimitedInputStream;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The request body limit of every JAX-RS API of this WAR (the Dapr APIs, route registration, connectors):
 * {@code capa.dapr.max-body-bytes} (server.xml: 4 MiB like Dapr's default), so that no body of any size is read into
 * memory. The reverse proxy's {@code /functions/*} streams bodies and is not JAX-RS. Who may call the APIs is
 * {@link io.capaee.proxy.rest.ProxyAccessFilter}'s business.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BodyLimitFilter implements ContainerRequestFilter {
    private final long maxBodyBytes;

    public BodyLimitFilter() {
        this.maxBodyBytes = ConfigProvider.getConfig().getValue("capa.dapr.max-body-bytes", Long.class);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBodyBytes, this::tooLarge));
        }
    }

    private DaprException tooLarge() {
        return new DaprException(413, "ERR_BODY_TOO_LARGE", "the request body is larger than capa.dapr.max-body-bytes ("
                + maxBodyBytes + " bytes)");
    }
}
