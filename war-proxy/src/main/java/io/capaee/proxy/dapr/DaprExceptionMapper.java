// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.proxy.rest.Problem;
import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Dapr's error body ({@code errorCode}, {@code message}) inside an RFC 9457 problem detail:
 * Dapr SDKs read the first two fields, everything else reads the problem.
 */
@Provider
public class DaprExceptionMapper implements ExceptionMapper<DaprException> {
    @Override
    public Response toResponse(DaprException e) {
        return response(e.status(), e.errorCode(), e.getMessage());
    }

    /** The response for a Dapr error, for code that answers without throwing. */
    public static Response response(int status, String errorCode, String message) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(json(status, title, errorCode, message)).build();
    }

    static String json(int status, String title, String errorCode, String message) {
        return Json.createObjectBuilder()
                .add("type", "urn:capa-ee:problem:dapr:" + errorCode)
                .add("title", title)
                .add("status", status)
                .add("detail", message == null ? "" : message)
                .add("errorCode", errorCode)
                .add("message", message == null ? "" : message)
                .build()
                .toString();
    }
}
