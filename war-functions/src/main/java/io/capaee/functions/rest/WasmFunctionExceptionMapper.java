// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.wasm.WasmFunctionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Guest failures as problem details. Capsule dropped the connection here (spec B2); we answer
 * 504 for the time limit, 500 otherwise, always with a body that names the function and cause.
 */
@Provider
public class WasmFunctionExceptionMapper implements ExceptionMapper<WasmFunctionException> {
    @Override
    public Response toResponse(WasmFunctionException e) {
        return problem(e).responseByName();
    }

    static Problem problem(WasmFunctionException e) {
        return switch (e.reason()) {
            case TIMEOUT -> Problem.of(504, "timeout", "Function time limit exceeded", e.getMessage());
            case MEMORY_LIMIT -> Problem.of(500, "memory-limit", "Function memory limit exceeded", e.getMessage());
            case TRAP -> Problem.of(500, "trap", "Function trapped", e.getMessage());
            case HOST_FUNCTION -> Problem.of(500, "host-function", "Host function failed", e.getMessage());
            case BAD_INPUT -> Problem.of(400, "bad-input", "Request cannot be passed to the function", e.getMessage());
            case MISSING_EXPORT -> Problem.of(501, "missing-handler", "Function cannot handle this call", e.getMessage());
            case INVALID_MODULE, INSTANTIATION -> Problem.of(500, "instantiation", "Function could not be started", e.getMessage());
        };
    }
}
