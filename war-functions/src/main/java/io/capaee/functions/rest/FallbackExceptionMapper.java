// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else as a problem detail: JAX-RS's own errors (404 path, 405 method) keep their
 * status; an unexpected exception is logged here and answered 500 without a stack trace.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        return problem(e).responseByName();
    }

    static Problem problem(Throwable e) {
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase();
            return Problem.of(status, "http-" + status, title, w.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected failure in the functions API", e);
        return Problem.of(500, "internal", "Internal error", "unexpected " + e.getClass().getSimpleName() + "; see the server log");
    }
}
