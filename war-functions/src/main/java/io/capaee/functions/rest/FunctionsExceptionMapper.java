// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.Problem;
import io.capaee.functions.service.FunctionNotFoundException;
import io.capaee.functions.service.FunctionsException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unknown functions are 404; other failures of this module 500. */
@Provider
public class FunctionsExceptionMapper implements ExceptionMapper<FunctionsException> {
    @Override
    public Response toResponse(FunctionsException e) {
        return problem(e).responseByName();
    }

    static Problem problem(FunctionsException e) {
        if (e instanceof io.capaee.functions.worker.WorkerException w) {
            return Problem.of(w.status(), "worker", "Worker request refused", e.getMessage());
        }
        if (e instanceof FunctionNotFoundException) {
            return Problem.of(404, "function-not-found", "Function not found", e.getMessage());
        }
        return Problem.of(500, "functions", "Functions module error", e.getMessage());
    }
}
