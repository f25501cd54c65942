// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;

/**
 * Checks every JAX-RS request of a WAR against {@link AccessPolicy}, at the level its resource method
 * declares ({@link RequiresAccess}; {@link Access#ADMIN} when it declares none). Each WAR registers a
 * subclass with {@code @Provider} (JAX-RS does not discover providers in the EAR's lib jar) that names
 * the component for its refusals. Callers are identified by {@link ServletCallers}; refusals are
 * {@link Refusal}s.
 */
public abstract class AccessFilter implements ContainerRequestFilter {
    @Context
    private HttpServletRequest servletRequest;

    @Context
    private ResourceInfo resourceInfo;

    private final CurrentPolicy policy = new CurrentPolicy();

    /**
     * The component named in refusals (Capsule's {@code from}): {@code registry}, {@code reverse-proxy},
     * {@code worker}...
     */
    protected abstract String component(Class<?> resourceClass);

    /** The level the matched resource method needs; a subclass may decide some by configuration. */
    protected Access required(Method method, Class<?> resourceClass) {
        return declared(method, resourceClass);
    }

    /** The policy of the current settings. */
    protected AccessPolicy policy() {
        return policy.get();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Access required = required(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
        if (required == Access.PUBLIC) {
            return;
        }
        AccessPolicy current = policy.get();
        AccessPolicy.Verdict verdict = current.check(ServletCallers.of(servletRequest), required);
        if (verdict != AccessPolicy.Verdict.ALLOWED) {
            Refusal refusal = Refusal.of(current, verdict, required, component(resourceInfo.getResourceClass()));
            Response.ResponseBuilder response = Response.status(refusal.status()).type(Refusal.MEDIA_TYPE).entity(refusal.body());
            if (refusal.status() == 401) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, Refusal.CHALLENGE);
            }
            request.abortWith(response.build());
        }
    }

    /** The level a resource method declares: its own annotation, its class's, else {@link Access#ADMIN}. */
    public static Access declared(Method method, Class<?> resourceClass) {
        RequiresAccess own = method == null ? null : method.getAnnotation(RequiresAccess.class);
        if (own != null) {
            return own.value();
        }
        RequiresAccess declared = resourceClass == null ? null : resourceClass.getAnnotation(RequiresAccess.class);
        return declared != null ? declared.value() : Access.ADMIN;
    }
}
