// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.traffic.TrafficException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Traffic rule refusals as problem details: 400 a bad rule (naming it and the field), 404 an unknown one, 503 the store. */
@Provider
public class TrafficExceptionMapper implements ExceptionMapper<TrafficException> {
    @Override
    public Response toResponse(TrafficException e) {
        return switch (e.reason()) {
            case INVALID -> Problem.response(400, "traffic-rule", "Invalid traffic rule", e.getMessage());
            case NOT_FOUND -> Problem.response(404, "traffic-rule-not-found", "No such traffic rule", e.getMessage());
            case STORE -> Problem.response(503, "traffic-store", "Traffic rule store unavailable", e.getMessage());
        };
    }
}
