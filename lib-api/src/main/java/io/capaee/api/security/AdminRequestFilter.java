// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Applies {@link AdminPolicy} to {@link AdminOnly} methods. Each WAR registers a subclass with
 * {@code @Provider @AdminOnly} (JAX-RS does not discover providers in the EAR's lib jar) and
 * names itself, because a refusal keeps the shape Capsule's clients check: a problem detail that
 * also carries {@code "code":"KO","from":"<component>","message":"Forbidden"}.
 */
public abstract class AdminRequestFilter implements ContainerRequestFilter {
    /** The MicroProfile Config key (a server.xml variable) of the admin token. */
    public static final String TOKEN_KEY = "capa.admin.token";

    @Context
    private HttpServletRequest servletRequest;

    private volatile AdminPolicy policy;

    /** The component name Capsule used in its 403 body: {@code registry}, {@code reverse-proxy}, {@code worker}. */
    protected abstract String component();

    @Override
    public void filter(ContainerRequestContext request) {
        AdminPolicy.Decision decision = policy().check(servletRequest.getRemoteAddr(), request::getHeaderString);
        if (decision == AdminPolicy.Decision.ALLOWED) {
            return;
        }
        String detail = decision == AdminPolicy.Decision.MISSING_TOKEN
                ? "this admin operation needs the token: Authorization: Bearer <token> or " + AdminPolicy.TOKEN_HEADER
                : policy().tokenConfigured() ? "the admin token is wrong"
                : "no admin token is configured (" + TOKEN_KEY + "), so admin operations are only allowed from loopback";
        request.abortWith(Response.status(decision.status())
                .type("application/problem+json")
                .entity(Json.createObjectBuilder()
                        .add("type", "urn:capa-ee:problem:forbidden")
                        .add("title", "Forbidden")
                        .add("status", decision.status())
                        .add("detail", detail)
                        .add("code", "KO")
                        .add("from", component())
                        .add("message", "Forbidden")
                        .build()
                        .toString())
                .build());
    }

    private AdminPolicy policy() {
        AdminPolicy p = policy;
        if (p == null) {
            p = new AdminPolicy(ConfigProvider.getConfig().getOptionalValue(TOKEN_KEY, String.class).or(() -> Optional.empty()));
            policy = p;
        }
        return p;
    }
}
