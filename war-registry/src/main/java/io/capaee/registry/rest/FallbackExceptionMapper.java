// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.http.FallbackProblem;
import io.capaee.api.http.Problem;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Everything else as a problem detail: an unknown route is 404 with Capsule's
 * {@code PAGE_NOT_FOUND} code; JAX-RS's other errors (405, 406, 415) keep their status; an
 * unexpected exception is logged here and answered 500 without a stack trace.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof NotFoundException) {
            return RegistryExceptionMapper.problem(404, "not-found", "Not Found", "PAGE_NOT_FOUND", "\uD83D\uDE22 Page not found \uD83E\uDD75")
                    .responseByName();
        }
        Problem problem = FallbackProblem.of(e, LOG, "registry API");
        return problem.with("code", "ERROR").with("message", problem.detail()).responseByName();
    }
}
