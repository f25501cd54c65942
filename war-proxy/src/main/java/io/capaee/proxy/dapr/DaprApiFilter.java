// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a Dapr sidecar does before any of its {@code /v1.0*} APIs runs: the request body limit
 * ({@code capa.dapr.max-body-bytes}, 4 MiB like Dapr's default), so that no body of any size is read
 * into memory. Who may call them is {@link io.capaee.proxy.rest.ProxyAccessFilter}'s business.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class DaprApiFilter implements ContainerRequestFilter {
    static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

    private final long maxBodyBytes;

    public DaprApiFilter() {
        var config = ConfigProvider.getConfig();
        this.maxBodyBytes = config.getOptionalValue("capa.dapr.max-body-bytes", Long.class).orElse(DEFAULT_MAX_BODY_BYTES);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (!p.startsWith("v1.0")) {
            return;
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBodyBytes));
        }
    }

    private DaprException tooLarge() {
        return new DaprException(413, "ERR_BODY_TOO_LARGE", "the request body is larger than capa.dapr.max-body-bytes ("
                + maxBodyBytes + " bytes)");
    }

    /** Fails the read once more than the limit has come in (a body without Content-Length). */
    private final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge();
            }
        }
    }
}
