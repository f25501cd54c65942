// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.http.FallbackProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/** Everything else as a problem detail: JAX-RS's own errors keep their status; the unexpected is logged and a 500. */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        return FallbackProblem.of(e, LOG, "gateway API").response();
    }
}
