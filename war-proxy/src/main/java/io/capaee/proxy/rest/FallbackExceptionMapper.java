// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.http.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Everything else as a problem detail: JAX-RS's own errors keep their status; the unexpected is logged and a 500. */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase();
            return Problem.response(status, "http-" + status, title, w.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected failure in the gateway API", e);
        return Problem.response(500, "internal", "Internal error", "unexpected " + e.getClass().getSimpleName() + "; see the server log");
    }
}
