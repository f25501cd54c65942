// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may use the admin operations (registry writes, route registration, worker operations).
 * With a token configured ({@code capa.admin.token}), a request must carry it, as
 * {@code Authorization: Bearer <token>}, {@code X-Capa-Admin-Token: <token>}, or one of Capsule's
 * headers ({@code CAPSULE_REGISTRY_ADMIN_TOKEN}, {@code CAPSULE_REVERSE_PROXY_ADMIN_TOKEN},
 * {@code CAPSULE_WORKER_ADMIN_TOKEN}). Without a token, only loopback clients are admitted:
 * Capsule 0.1.3 let anyone re-route traffic or upload modules (spec S1).
 */
public final class AdminPolicy {
    public static final String TOKEN_HEADER = "X-Capa-Admin-Token";
    static final List<String> CAPSULE_HEADERS = List.of(
            "CAPSULE_REGISTRY_ADMIN_TOKEN", "CAPSULE_REVERSE_PROXY_ADMIN_TOKEN", "CAPSULE_WORKER_ADMIN_TOKEN");

    /** The outcome of a check, with the status a server answers. */
    public enum Decision {
        ALLOWED(200),
        /** A token is configured and the request carries none: 401. */
        MISSING_TOKEN(401),
        /** A wrong token, or no token configured and a client that is not on loopback: 403. */
        FORBIDDEN(403);

        private final int status;

        Decision(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Optional<byte[]> token;

    /** @param token the configured token; empty or blank means "loopback only" */
    public AdminPolicy(Optional<String> token) {
        this.token = token.map(String::trim).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public boolean tokenConfigured() {
        return token.isPresent();
    }

    /**
     * @param remoteAddress the client's IP address as the server saw it
     * @param header looks a request header up by name (case-insensitive), null when absent
     */
    public Decision check(String remoteAddress, Function<String, String> header) {
        if (token.isEmpty()) {
            // A request relayed by something on this machine (service invocation, a local reverse
            // proxy) arrives from loopback, but its client is elsewhere: it is not a loopback client.
            boolean relayed = header.apply("Forwarded") != null || header.apply("X-Forwarded-For") != null;
            return isLoopback(remoteAddress) && !relayed ? Decision.ALLOWED : Decision.FORBIDDEN;
        }
        String presented = presentedToken(header);
        if (presented == null) {
            return Decision.MISSING_TOKEN;
        }
        // constant-time comparison: the time taken says nothing about how much of the token matched
        return MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8)) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    private static String presentedToken(Function<String, String> header) {
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return authorization.substring(7).trim();
        }
        String own = header.apply(TOKEN_HEADER);
        if (own != null) {
            return own.trim();
        }
        for (String name : CAPSULE_HEADERS) {
            String value = header.apply(name);
            if (value != null) {
                return value.trim();
            }
        }
        return null;
    }

    static boolean isLoopback(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return false;
        }
        String address = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (!address.matches("[0-9a-fA-F:.%]+")) {
            return false; // only literal addresses: never resolve a name here
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
