// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.http.Problem;
import io.capaee.api.json.JsonBodyException;
import io.capaee.api.routes.RouteException;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import io.capaee.functions.service.FunctionNotFoundException;
import io.capaee.functions.service.FunctionsException;
import io.capaee.functions.worker.WorkerException;
import org.junit.jupiter.api.Test;

class FunctionsExceptionMapperTest {
    @Test
    void guestFailuresAre504ForTheTimeLimitAndOtherwiseByTheirReason() {
        assertEquals(Problem.of(504, "timeout", "Function time limit exceeded", "slow"), map(new WasmFunctionException(Reason.TIMEOUT, "slow")));
        assertEquals(Problem.of(500, "trap", "Function trapped", "t"), map(new WasmFunctionException(Reason.TRAP, "t")));
        assertEquals(Problem.of(400, "bad-input", "Request cannot be passed to the function", "b"),
                map(new WasmFunctionException(Reason.BAD_INPUT, "b")));
        assertEquals(Problem.of(501, "missing-handler", "Function cannot handle this call", "m"),
                map(new WasmFunctionException(Reason.MISSING_EXPORT, "m")));
        assertEquals(500, map(new WasmFunctionException(Reason.INVALID_MODULE, "i")).status());
        assertEquals("urn:capa-ee:problem:instantiation", map(new WasmFunctionException(Reason.INSTANTIATION, "i")).type());
    }

    @Test
    void theModulesOwnFailuresAreAnsweredByKind() {
        assertEquals(Problem.of(409, "worker", "Worker request refused", "digest"), map(new WorkerException(409, "digest")));
        assertEquals(Problem.of(404, "function-not-found", "Function not found", "f"), map(new FunctionNotFoundException("f")));
        assertEquals(Problem.of(500, "functions", "Functions module error", "x"), map(new FunctionsException("x")));
    }

    @Test
    void routeDesiredStateAndBodyFailuresKeepTheirStatuses() {
        assertEquals(Problem.of(409, "route", "Route change failed (ERROR_REVISION_NOT_FOUND)", "r"),
                map(new RouteException(RouteException.Reason.REVISION_NOT_FOUND, "r")));
        assertEquals(503, map(new RouteException(RouteException.Reason.STORE, "down")).status());
        assertEquals(Problem.of(503, "desired-state", "Desired state not stored", "d"), map(new DesiredStateException("d")));
        assertEquals(Problem.of(400, "bad-request", "Bad Request", "field x"), map(new JsonBodyException("field x")));
    }

    @Test
    void anUnexpectedFailureIsA500ThatHidesItsMessage() {
        assertEquals(Problem.of(500, "internal", "Internal error", "unexpected IllegalStateException; see the server log"),
                map(new IllegalStateException("internals")));
    }

    private static Problem map(Throwable e) {
        return FunctionsExceptionMapper.problem(e);
    }
}
