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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a Dapr sidecar does before any of its {@code /v1.0*} APIs runs: the optional API token
 * ({@code dapr-api-token}, configured by {@code capa.dapr.api-token}; the health probes are exempt,
 * as in Dapr) and the request body limit ({@code capa.dapr.max-body-bytes}, 4 MiB like Dapr's
 * default), so that no body of any size is read into memory.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class DaprApiFilter implements ContainerRequestFilter {
    static final String TOKEN_HEADER = "dapr-api-token";
    static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

    private final byte[] token;
    private final long maxBodyBytes;

    public DaprApiFilter() {
        var config = ConfigProvider.getConfig();
        this.token = config.getOptionalValue("capa.dapr.api-token", String.class).filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.maxBodyBytes = config.getOptionalValue("capa.dapr.max-body-bytes", Long.class).orElse(DEFAULT_MAX_BODY_BYTES);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (!p.startsWith("v1.0")) {
            return;
        }
        if (token != null && !healthProbe(request.getMethod(), p) && !tokenMatches(request.getHeaderString(TOKEN_HEADER))) {
            throw new DaprException(401, "ERR_API_TOKEN", "invalid api token");
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBodyBytes));
        }
    }

    static boolean healthProbe(String method, String path) {
        return "GET".equals(method) && (path.equals("v1.0/healthz") || path.equals("v1.0/healthz/outbound"));
    }

    private boolean tokenMatches(String presented) {
        // constant time: how long the comparison takes says nothing about the token
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
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
