// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request (malformed body, bad field) as a problem detail. */
@Provider
public class ProxyExceptionMapper implements ExceptionMapper<ProxyException> {
    @Override
    public Response toResponse(ProxyException e) {
        String title = Response.Status.fromStatusCode(e.status()) == null ? "HTTP " + e.status() : Response.Status.fromStatusCode(e.status()).getReasonPhrase();
        return Problem.response(e.status(), e.status() == 400 ? "bad-request" : "http-" + e.status(), title, e.getMessage());
    }
}
