// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks every JAX-RS request of a WAR against {@link AccessPolicy}, at the level its resource method
 * declares ({@link RequiresAccess}; {@link Access#ADMIN} when it declares none). Each WAR registers a
 * subclass with {@code @Provider} (JAX-RS does not discover providers in the EAR's lib jar) that names
 * the component for its refusals.
 *
 * <p>A user name and password ({@code Authorization: Basic}) are checked by Liberty's own user registry
 * ({@link HttpServletRequest#login}); the user's levels come from the roles {@value AccessPolicy#ADMIN_ROLE}
 * and {@value AccessPolicy#VIEWER_ROLE}, which each WAR declares and server.xml maps to users or groups.
 *
 * <p>A refusal is a problem detail; for {@link Access#APP} it also carries Dapr's {@code errorCode} and
 * {@code message}, elsewhere Capsule's {@code code}, {@code from} and {@code message}, the fields those
 * clients read.
 */
public abstract class AccessFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(AccessFilter.class.getName());

    @Context
    private HttpServletRequest servletRequest;

    @Context
    private ResourceInfo resourceInfo;

    /** How long a read of the settings is used: a changed token (rotation) takes effect within this time. */
    private static final long SETTINGS_NANOS = 5_000_000_000L;

    private volatile AccessPolicy policy;
    private volatile long policyReadAt;

    /**
     * The component named in refusals (Capsule's {@code from}): {@code registry}, {@code reverse-proxy},
     * {@code worker}...
     */
    protected abstract String component(Class<?> resourceClass);

    @Override
    public void filter(ContainerRequestContext request) {
        Access required = required(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
        if (required == Access.PUBLIC) {
            return;
        }
        AccessPolicy.Verdict verdict = policy().check(caller(request), required);
        if (verdict != AccessPolicy.Verdict.ALLOWED) {
            request.abortWith(refusal(verdict, required, component(resourceInfo.getResourceClass())));
        }
    }

    /** The level a resource method needs: its own annotation, its class's, else {@link Access#ADMIN}. */
    public static Access required(Method method, Class<?> resourceClass) {
        RequiresAccess own = method == null ? null : method.getAnnotation(RequiresAccess.class);
        if (own != null) {
            return own.value();
        }
        RequiresAccess declared = resourceClass == null ? null : resourceClass.getAnnotation(RequiresAccess.class);
        return declared != null ? declared.value() : Access.ADMIN;
    }

    private Caller caller(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            // only credentials on the request count: no identity carried over from elsewhere (a cookie)
            return new Caller(servletRequest.getRemoteAddr(), request::getHeaderString, Caller.Login.NONE, Set.of());
        }
        // Liberty may have logged the user in already (it uses credentials sent to unprotected resources too)
        if (servletRequest.getUserPrincipal() == null && !login(authorization.substring(6).trim())) {
            return new Caller(servletRequest.getRemoteAddr(), request::getHeaderString, Caller.Login.REFUSED, Set.of());
        }
        Set<Access> levels = EnumSet.noneOf(Access.class);
        if (servletRequest.isUserInRole(AccessPolicy.ADMIN_ROLE)) {
            levels.add(Access.ADMIN);
        }
        if (servletRequest.isUserInRole(AccessPolicy.VIEWER_ROLE)) {
            levels.add(Access.VIEWER);
        }
        return new Caller(servletRequest.getRemoteAddr(), request::getHeaderString, Caller.Login.LOGGED_IN, levels);
    }

    private boolean login(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            servletRequest.login(decoded.substring(0, colon), decoded.substring(colon + 1));
            return true;
        } catch (ServletException e) {
            // the registry's reason may name the user; the client learns only that the login failed
            LOG.log(Level.FINE, "login refused: {0}", e.getMessage());
            return false;
        }
    }

    private Response refusal(AccessPolicy.Verdict verdict, Access required, String component) {
        boolean app = required == Access.APP;
        int status = switch (verdict) {
            case NO_CREDENTIALS -> 401;
            // Dapr answers a wrong API token with 401; Capsule's admin APIs answered a wrong token with 403
            case BAD_CREDENTIALS -> app ? 401 : 403;
            default -> 403;
        };
        String detail = detail(verdict, required);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", status == 401 ? "urn:capa-ee:problem:unauthorized" : "urn:capa-ee:problem:forbidden")
                .add("title", status == 401 ? "Unauthorized" : "Forbidden")
                .add("status", status)
                .add("detail", detail);
        if (app) {
            body.add("errorCode", status == 401 ? "ERR_API_TOKEN" : "ERR_PERMISSION_DENIED").add("message", detail);
        } else {
            body.add("code", "KO").add("from", component).add("message", status == 401 ? "Unauthorized" : "Forbidden");
        }
        Response.ResponseBuilder response = Response.status(status).type("application/problem+json").entity(body.build().toString());
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"capa\", Basic realm=\"capa\"");
        }
        return response.build();
    }

    private String detail(AccessPolicy.Verdict verdict, Access required) {
        String needs = switch (required) {
            case APP -> "the Dapr API token (dapr-api-token header) or a user in the role " + AccessPolicy.ADMIN_ROLE;
            case VIEWER -> "a user in the role " + AccessPolicy.VIEWER_ROLE + " or " + AccessPolicy.ADMIN_ROLE + ", or the admin token";
            default -> "the admin token (Authorization: Bearer <token> or " + AccessPolicy.ADMIN_TOKEN_HEADER
                    + ") or a user in the role " + AccessPolicy.ADMIN_ROLE;
        };
        return switch (verdict) {
            case BAD_CREDENTIALS -> "the credentials were refused; this operation needs " + needs;
            case NOT_PERMITTED -> "the credentials do not allow this operation; it needs " + needs;
            default -> "this operation needs " + needs
                    + (policy().trustsLoopback() && !policy().tokenGuards(required) ? " (or a client on this machine's loopback)" : "");
        };
    }

    private AccessPolicy policy() {
        AccessPolicy p = policy;
        long now = System.nanoTime();
        if (p == null || now - policyReadAt > SETTINGS_NANOS) {
            p = new AccessPolicy(SecuritySettings.from(ConfigProvider.getConfig()));
            policy = p;
            policyReadAt = now;
        }
        return p;
    }
}
