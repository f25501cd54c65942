// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.forward.PathSegments;
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
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Dapr's {@code /v1.0/invoke/{appId}/method/{method-path}} for any HTTP method: the request goes
 * to {@code {app base URL}/{method-path}?{query}} with its headers (hop-by-hop ones excepted) and
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
    private static final Logger LOG = Logger.getLogger(InvokeResource.class.getName());
    @Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "dapr-app-id", "dapr-api-token"); // the sidecar's own credential is not the invoked app's

    @Inject
    AppDirectory apps;

    @Inject
    InvokeClient client;

    @Inject
    InvokeConfig config;

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
        URI base = apps.resolve(appId).orElseThrow(() -> new DaprException(404, "ERR_DIRECT_INVOKE",
                "no app with id '" + appId + "': not this server's, not in invoke.apps, not in the app registry"));
        String rawPath = uri.getRequestUri().getRawPath();
        // the segment after the app id is "method" (an app id holds no '/', but may itself be "method")
        int appIdStart = rawPath.indexOf("/v1.0/invoke/") + "/v1.0/invoke/".length();
        String methodPath = rawPath.substring(rawPath.indexOf('/', appIdStart) + "/method".length());
        methodPath = methodPath.startsWith("/") ? methodPath.substring(1) : methodPath;
        Optional<String> unsafe = PathSegments.problem(methodPath);
        if (unsafe.isPresent()) {
            throw new DaprException(400, "ERR_DIRECT_INVOKE", "the method path of app '" + appId + "' cannot be invoked: "
                    + unsafe.get());
        }
        String query = uri.getRequestUri().getRawQuery();
        String b = base.toString();
        URI target = URI.create((b.endsWith("/") ? b : b + "/") + methodPath + (query == null ? "" : "?" + query));
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        boolean credentialsUsed = servletRequest.getAttribute(AppIdHeaderFilter.CREDENTIALS_USED) != null;
        headers.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !(credentialsUsed && lower.equals("authorization"))) {
                forwarded.put(name, values);
            }
        });
        // the callee sees who asked: without it, a call relayed back into this server (its own app id)
        // would look like a loopback client to the admin check
        List<String> chain = new java.util.ArrayList<>(forwarded.getOrDefault("X-Forwarded-For", List.of()));
        forwarded.keySet().removeIf(n -> n.equalsIgnoreCase("X-Forwarded-For"));
        chain.add(servletRequest.getRemoteAddr());
        forwarded.put("X-Forwarded-For", List.of(String.join(", ", chain)));
        config.apiToken().ifPresent(token -> forwarded.put("dapr-api-token", List.of(token)));
        InvokeClient.Answer answer;
        try {
            answer = client.send(target, httpMethod, forwarded, body == null ? new byte[0] : body);
        } catch (AppUnavailableException e) {
            // the detail names the app's address: for the log, the client is told the app id
            LOG.log(Level.WARNING, "app {0} is unavailable: {1}", new Object[] {appId, e.getMessage()});
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' is unavailable");
        } catch (TimeoutException e) {
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' did not answer in time");
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "invoking app {0} failed: {1}", new Object[] {appId, e.getMessage()});
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "invoking app '" + appId + "' failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "interrupted while invoking app '" + appId + "'");
        }
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
