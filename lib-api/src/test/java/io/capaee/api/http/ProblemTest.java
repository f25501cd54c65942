// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {
    /** The functions API's problems were this record, written by JSON-B. */
    public record FunctionsProblem(String type, String title, int status, String detail) {}

    /** The registry's were this one. */
    public record RegistryProblem(String type, String title, int status, String detail, String code, String message) {}

    private static final String AWKWARD = "quote \" backslash \\ slash / tab \t nul \u0000 é \uD83D\uDE22 <b>&";

    @Test
    void theRfcLayoutWritesTypeTitleStatusDetailThenTheExtensionsAsAdded() {
        assertEquals("{\"type\":\"urn:capa-ee:problem:bad-request\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"no\"}",
                Problem.json(400, "bad-request", "Bad Request", "no"));
        assertEquals("{\"type\":\"urn:capa-ee:problem:dapr:ERR_X\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"\","
                        + "\"errorCode\":\"ERR_X\",\"message\":\"\"}",
                Problem.of(404, "dapr:ERR_X", "Not Found", null).with("errorCode", "ERR_X").with("message", null).json());
    }

    @Test
    void theByNameLayoutIsWhatJsonbWroteForTheWarsRecords() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (String detail : new String[] {"plain", AWKWARD, "", null}) {
                assertEquals(jsonb.toJson(new FunctionsProblem("urn:capa-ee:problem:trap", "Function trapped", 500, detail)),
                        Problem.of(500, "trap", "Function trapped", detail).jsonByName());
                assertEquals(jsonb.toJson(new RegistryProblem("urn:capa-ee:problem:not-found", "Not Found", 404, detail,
                                "PAGE_NOT_FOUND", detail)),
                        Problem.of(404, "not-found", "Not Found", detail).with("code", "PAGE_NOT_FOUND")
                                .with("message", detail).jsonByName());
            }
        }
    }

    @Test
    void aProblemHasATypeAndATitleAndItsExtensionsCannotChangeBehindIt() {
        assertThrows(NullPointerException.class, () -> Problem.of(500, "x", null, "d"));
        Problem p = Problem.of(400, "x", "X", "d").with("a", "1");
        assertThrows(UnsupportedOperationException.class, () -> p.extensions().put("b", "2"));
        assertEquals(Map.of("a", "1"), p.extensions());
    }
}
