// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.proxy.dapr.AppIdHeader;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Dapr's other way to address service invocation: any path with header {@code dapr-app-id: <appId>}
 * (or HTTP Basic auth with user {@code dapr-app-id} and the app id as password) is
 * {@code /v1.0/invoke/<appId>/method/<path>}. The request is rewritten before matching, ahead of the
 * Dapr API filter (so the API token and body limit apply), and the header or credentials are not
 * forwarded ({@code dapr-app-id} never is; see InvokeResource). A path already under
 * {@code /v1.0/invoke/} keeps its own app id.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class AppIdHeaderFilter implements ContainerRequestFilter {
    /** Request property (a servlet request attribute): the Authorization header named the app, do not forward it. */
    static final String CREDENTIALS_USED = "io.capaee.proxy.invoke.app-id-credentials";

    @Override
    public void filter(ContainerRequestContext request) {
        String appId = request.getHeaderString(AppIdHeader.HEADER);
        boolean fromBasicAuth = false;
        if (AppIdHeader.isBlank(appId)) {
            appId = AppIdHeader.basicAuthAppId(request.getHeaderString(HttpHeaders.AUTHORIZATION));
            fromBasicAuth = appId != null;
        }
        if (AppIdHeader.isBlank(appId)) {
            return;
        }
        URI base = request.getUriInfo().getBaseUri();
        URI uri = request.getUriInfo().getRequestUri();
        String rawPath = uri.getRawPath();
        String relative = rawPath.startsWith(base.getRawPath()) ? rawPath.substring(base.getRawPath().length()) : rawPath;
        if (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        if (relative.startsWith("v1.0/invoke/")) {
            return;
        }
        if (fromBasicAuth) {
            // the resource reads the headers as they came, so it is told to leave this one out
            request.setProperty(CREDENTIALS_USED, Boolean.TRUE);
        }
        String b = base.toString();
        String target = (b.endsWith("/") ? b : b + "/") + "v1.0/invoke/"
                + URLEncoder.encode(appId.strip(), StandardCharsets.UTF_8).replace("+", "%20") + "/method/" + relative
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        request.setRequestUri(base, URI.create(target));
    }
}
