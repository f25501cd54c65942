// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.AnyServer;
import it.io.capaee.support.Server;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths the web container refuses before an application sees them (an encoded '.', '/' or '\')
 * are problem details from every WAR, not Liberty's HTML page with an exception in it.
 */
@AnyServer
class EncodedPathIT {
    @ParameterizedTest
    @ValueSource(strings = {"/registry/acme/%2e%2e/x/y.wasm", "/registry/info/acme/a%2Fb/v1", "/wasm/functions/%2e%2e",
            "/functions/%2e%2e/x", "/memory/functions/%5c", "/x%2e%2e/y"})
    void encodedTraversalIsAProblemDetail(String path) throws Exception {
        HttpResponse<String> r = Server.get(path);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        assertTrue(r.body().contains("\"type\":\"urn:capa-ee:problem:bad-request-uri\""), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("at com."), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/wasm/.capa-error", "/registry/.capa-error"})
    void theErrorPageAskedForDirectlyIsNotFound(String path) throws Exception {
        HttpResponse<String> r = Server.get(path);
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
    }
}
