// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.http.Problem;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.json.Jsonp;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * Dapr's error body ({@code errorCode}, {@code message}) inside an RFC 9457 problem detail:
 * Dapr SDKs read the first two fields, everything else reads the problem.
 */
@Provider
public class DaprExceptionMapper implements ExceptionMapper<DaprException> {
    private static final String STRICT_AGENT = "dapr-sdk-java";

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(DaprException e) {
        if (strictDaprClient(headers)) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(daprJson(e.errorCode(), e.getMessage())).build();
        }
        return response(e.status(), e.errorCode(), e.getMessage());
    }

    /**
     * The Dapr Java SDK (checked: 1.11.0) reads error bodies with a default Jackson mapper that fails
     * on any field besides {@code errorCode}, {@code message}, {@code code} and {@code details}, and
     * then reports every error as {@code UNKNOWN}; it gets Dapr's own body. It says who it is in
     * {@code User-Agent} ({@code dapr-sdk-java/v1.11.0}).
     */
    static boolean strictDaprClient(HttpHeaders headers) {
        return headers != null && strictDaprClient(headers.getHeaderString(HttpHeaders.USER_AGENT));
    }

    private static boolean strictDaprClient(String userAgent) {
        return userAgent != null && userAgent.startsWith(STRICT_AGENT);
    }

    /**
     * Writes {@code e} as {@link #toResponse} does, for code that answers from a servlet before JAX-RS.
     *
     * @param userAgent the request's {@code User-Agent}, which decides the body's shape (see {@link #strictDaprClient(HttpHeaders)})
     */
    public static void write(DaprException e, String userAgent, HttpServletResponse response) throws IOException {
        boolean strict = strictDaprClient(userAgent);
        ServletReplies.write(response, e.status(), strict ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE,
                strict ? daprJson(e.errorCode(), e.getMessage()) : json(e.status(), Problem.title(e.status()), e.errorCode(), e.getMessage()));
    }

    static String daprJson(String errorCode, String message) {
        return Jsonp.createObjectBuilder().add("errorCode", errorCode).add("message", message == null ? "" : message).build().toString();
    }

    /** The response for a Dapr error, for code that answers without throwing. */
    public static Response response(int status, String errorCode, String message) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(json(status, Problem.title(status), errorCode, message)).build();
    }

    static String json(int status, String title, String errorCode, String message) {
        return Jsonp.createObjectBuilder()
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
