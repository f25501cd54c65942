// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dapr's {@code /v1.0/invoke/{appId}/method/{method-path}} for any HTTP method ({@link ServiceInvoker}): the request
 * goes to {@code {app base URL}/{method-path}?{query}} with its headers (hop-by-hop ones excepted) and
 * body; the callee's status, headers and body come back as they are. Bodies are buffered, not
 * streamed. 404 {@code ERR_DIRECT_INVOKE} for an unknown app id, 500 when the app cannot be
 * reached (after retries) or does not answer in time. The same call can be addressed with header
 * {@code dapr-app-id} on any path ({@link AppIdHeaderFilter}); an empty method path calls the app's {@code /}.
 */
// "method" then nothing, "/" or "/path": an empty method path (header addressing of "/") calls the app's "/"
@Path("/v1.0/invoke/{appId}/method{method: (/.*)?}")
@RequiresAccess(Access.APP)
@ApplicationScoped
public class InvokeResource {
    @Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "dapr-app-id", "dapr-api-token"); // the sidecar's own credential is not the invoked app's

    @Inject
    ServiceInvoker invoker;

    @GET
    @DELETE
    @HEAD
    @OPTIONS
    public Response withoutBody(@PathParam("appId") String appId, @PathParam("method") String method, @Context HttpHeaders h,
            @Context UriInfo uri) {
        return invoke(servletRequest.getMethod(), appId, method, h, uri, new byte[0]);
    }

    @POST
    @PUT
    @PATCH
    public Response withBody(@PathParam("appId") String appId, @PathParam("method") String method, @Context HttpHeaders h,
            @Context UriInfo uri, byte[] body) {
        return invoke(servletRequest.getMethod(), appId, method, h, uri, body);
    }

    private Response invoke(String httpMethod, String appId, String method, HttpHeaders headers, UriInfo uri,
            byte[] body) {
        String rawPath = uri.getRequestUri().getRawPath();
        // the segment after the app id is "method" (an app id holds no '/', but may itself be "method")
        int appIdStart = rawPath.indexOf("/v1.0/invoke/") + "/v1.0/invoke/".length();
        String methodPath = rawPath.substring(rawPath.indexOf('/', appIdStart) + "/method".length());
        methodPath = methodPath.startsWith("/") ? methodPath.substring(1) : methodPath;
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        boolean credentialsUsed = servletRequest.getAttribute(AppIdHeaderFilter.CREDENTIALS_USED) != null;
        headers.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !(credentialsUsed && lower.equals("authorization"))) {
                forwarded.put(name, values);
            }
        });
        InvokeClient.Answer answer = invoker.invoke(appId, httpMethod, methodPath, uri.getRequestUri().getRawQuery(), forwarded,
                servletRequest.getRemoteAddr(), body);
        Response.ResponseBuilder r = Response.status(answer.status());
        answer.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !lower.equals(":status")) {
                values.forEach(v -> r.header(name, v));
            }
        });
        return r.entity(answer.body().length == 0 ? null : answer.body()).build();
    }
}
