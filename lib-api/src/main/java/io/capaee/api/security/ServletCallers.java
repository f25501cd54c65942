// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Caller} of a servlet request. A user name and password ({@code Authorization: Basic}) are checked
 * by Liberty's own user registry ({@link HttpServletRequest#login}); the user's levels come from the roles
 * {@value AccessPolicy#ADMIN_ROLE} and {@value AccessPolicy#VIEWER_ROLE}, which each WAR declares and
 * server.xml maps to users or groups. Only credentials on the request count: no identity carried over from
 * elsewhere (a cookie).
 */
public final class ServletCallers {
    private static final Logger LOG = Logger.getLogger(ServletCallers.class.getName());

    private ServletCallers() {}

    /**
     * Answers the refusal when the caller of {@code request} does not hold {@code required}.
     *
     * @return whether the request was refused (and answered)
     */
    public static boolean refuse(AccessPolicy policy, Access required, HttpServletRequest request, HttpServletResponse response,
            String component) throws IOException {
        if (required == Access.PUBLIC) {
            return false;
        }
        AccessPolicy.Verdict verdict = policy.check(of(request), required);
        if (verdict == AccessPolicy.Verdict.ALLOWED) {
            return false;
        }
        Refusal refusal = Refusal.of(policy, verdict, required, component);
        if (refusal.status() == 401) {
            response.setHeader("WWW-Authenticate", Refusal.CHALLENGE);
        }
        response.setStatus(refusal.status());
        response.setContentType(Refusal.MEDIA_TYPE);
        response.getOutputStream().write(refusal.body().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    public static Caller of(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Caller(request.getRemoteAddr(), request::getHeader, Caller.Login.NONE, Set.of());
        }
        // Liberty may have logged the user in already (it uses credentials sent to unprotected resources too)
        if (request.getUserPrincipal() == null && !login(request, authorization.substring(6).trim())) {
            return new Caller(request.getRemoteAddr(), request::getHeader, Caller.Login.REFUSED, Set.of());
        }
        Set<Access> levels = EnumSet.noneOf(Access.class);
        if (request.isUserInRole(AccessPolicy.ADMIN_ROLE)) {
            levels.add(Access.ADMIN);
        }
        if (request.isUserInRole(AccessPolicy.VIEWER_ROLE)) {
            levels.add(Access.VIEWER);
        }
        return new Caller(request.getRemoteAddr(), request::getHeader, Caller.Login.LOGGED_IN, levels);
    }

    private static boolean login(HttpServletRequest request, String encoded) {
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
            request.login(decoded.substring(0, colon), decoded.substring(colon + 1));
            return true;
        } catch (ServletException e) {
            // the registry's reason may name the user; the client learns only that the login failed
            LOG.log(Level.FINE, "login refused: {0}", e.getMessage());
            return false;
        }
    }
}
