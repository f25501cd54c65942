// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The desired state could not store a change: nothing was changed, and the detail names the store. */
@Provider
public class DesiredStateExceptionMapper implements ExceptionMapper<DesiredStateException> {
    @Override
    public Response toResponse(DesiredStateException e) {
        return Problem.of(503, "desired-state", "Desired state not stored", e.getMessage()).responseByName();
    }
}
