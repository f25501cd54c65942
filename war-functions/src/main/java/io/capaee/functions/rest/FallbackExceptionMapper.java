// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.FallbackProblem;
import io.capaee.api.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
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
        return FallbackProblem.of(e, LOG, "functions API");
    }
}
