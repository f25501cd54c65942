// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.routes.RouteException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** A route change the worker needed was refused, or the route store failed. */
@Provider
public class RouteExceptionMapper implements jakarta.ws.rs.ext.ExceptionMapper<RouteException> {
    @Override
    public Response toResponse(RouteException e) {
        int status = e.reason() == RouteException.Reason.STORE ? 503 : 409;
        return Problem.of(status, "route", "Route change failed (" + e.reason().capsuleCode() + ")", e.getMessage()).responseByName();
    }
}
