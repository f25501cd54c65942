// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.json.JsonBodyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A malformed request body (bad JSON, missing or mistyped field) is a 400 naming the field. */
@Provider
public class JsonBodyExceptionMapper implements ExceptionMapper<JsonBodyException> {
    @Override
    public Response toResponse(JsonBodyException e) {
        return Problem.response(400, "bad-request", "Bad Request", e.getMessage());
    }
}
