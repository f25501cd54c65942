// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.http.FallbackProblem;
import io.capaee.api.http.Problem;
import io.capaee.api.json.JsonBodyException;
import io.capaee.api.routes.RouteException;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.functions.service.FunctionNotFoundException;
import io.capaee.functions.service.FunctionsException;
import io.capaee.functions.worker.WorkerException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * The functions WAR's one exception mapper: every failure as a problem detail with its members
 * sorted by name. {@link FunctionCallFilter} answers function calls with the same {@link #problem}.
 */
@Provider
public class FunctionsExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FunctionsExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        return problem(e).responseByName();
    }

    static Problem problem(Throwable e) {
        if (e instanceof WasmFunctionException w) {
            return guest(w);
        }
        if (e instanceof WorkerException w) {
            return Problem.of(w.status(), "worker", "Worker request refused", e.getMessage());
        }
        if (e instanceof FunctionNotFoundException) {
            return Problem.of(404, "function-not-found", "Function not found", e.getMessage());
        }
        if (e instanceof FunctionsException) {
            return Problem.of(500, "functions", "Functions module error", e.getMessage());
        }
        if (e instanceof RouteException r) {
            // a route change the worker needed was refused, or the route store failed
            int status = r.reason() == RouteException.Reason.STORE ? 503 : 409;
            return Problem.of(status, "route", "Route change failed (" + r.reason().capsuleCode() + ")", e.getMessage());
        }
        if (e instanceof DesiredStateException) {
            // nothing was changed, and the detail names the store
            return Problem.of(503, "desired-state", "Desired state not stored", e.getMessage());
        }
        if (e instanceof JsonBodyException) {
            return Problem.of(400, "bad-request", "Bad Request", e.getMessage());
        }
        return FallbackProblem.of(e, LOG, "functions API");
    }

    /**
     * Guest failures. Capsule dropped the connection here (spec B2); we answer 504 for the time
     * limit, 500 otherwise, always with a body that names the function and cause.
     */
    private static Problem guest(WasmFunctionException e) {
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
