// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.routes.RouteException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Capsule's refusals as Capsule answered them (500 {@code {"code":"ERROR_...","message":...}}); a store failure is a 503 problem. */
@Provider
public class RouteExceptionMapper implements ExceptionMapper<RouteException> {
    @Override
    public Response toResponse(RouteException e) {
        if (e.reason() == RouteException.Reason.STORE) {
            return Problem.response(503, "route-store", "Route store unavailable", e.getMessage());
        }
        return CapsuleJson.response(500, CapsuleJson.object(java.util.Map.of("code", e.reason().capsuleCode(), "message", e.getMessage())));
    }
}
