// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a {@link Caller} holds the {@link Access} an API needs.
 *
 * <p>Levels come from, in any combination: a token ({@code Authorization: Bearer}, {@value #ADMIN_TOKEN_HEADER},
 * Capsule's admin headers, or Dapr's {@value #APP_TOKEN_HEADER}), matched against the admin token (every level)
 * and the Dapr API token ({@link Access#APP}); the roles of a Liberty user ({@value #ADMIN_ROLE}: every level,
 * {@value #VIEWER_ROLE}: {@link Access#VIEWER}); and, as the development default, being a loopback client.
 *
 * <p>Loopback trust is never given to a request that names another client ({@code Forwarded},
 * {@code X-Forwarded-For}: service invocation and the reverse proxy relaying a caller from elsewhere) or that
 * this server sent itself ({@value #SERVER_REQUEST_HEADER}, set by every client of the server whose target or
 * content a caller chooses: HTTP bindings, guests' {@code hostHttp}, connector sinks, deliveries). It holds only
 * the levels that no configured token guards: configuring a token is the sign that callers must present it.
 */
public final class AccessPolicy {
    /** The characters of an IPv4 or IPv6 literal (with a zone): compiled once, as every request is checked. */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.%]+");

    public static final String ADMIN_ROLE = "capa-admin";
    public static final String VIEWER_ROLE = "capa-viewer";
    public static final String ADMIN_TOKEN_HEADER = "X-Capa-Admin-Token";
    public static final String APP_TOKEN_HEADER = "dapr-api-token";
    /** Marks a request this server sends: it never counts as a loopback client's, wherever it lands. */
    public static final String SERVER_REQUEST_HEADER = "Capa-Server-Request";
    static final List<String> CAPSULE_HEADERS = List.of(
            "CAPSULE_REGISTRY_ADMIN_TOKEN", "CAPSULE_REVERSE_PROXY_ADMIN_TOKEN", "CAPSULE_WORKER_ADMIN_TOKEN");

    /** The outcome of a check. */
    public enum Verdict {
        ALLOWED,
        /** No credentials at all: 401. */
        NO_CREDENTIALS,
        /** A token that matches nothing, or a user name and password the registry refused. */
        BAD_CREDENTIALS,
        /** Valid credentials whose levels do not cover what is asked: 403. */
        NOT_PERMITTED
    }

    private final List<byte[]> adminTokens;
    private final List<byte[]> appTokens;
    private final boolean trustLoopback;
    private final Access functions;

    public AccessPolicy(SecuritySettings settings) {
        this.adminTokens = settings.adminTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.appTokens = settings.appTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.trustLoopback = settings.trustLoopback();
        this.functions = settings.functions();
    }

    /** The level function calls need ({@code capa.security.functions}). */
    public Access functions() {
        return functions;
    }

    public Verdict check(Caller caller, Access required) {
        if (required == Access.PUBLIC) {
            return Verdict.ALLOWED;
        }
        Set<Access> held = EnumSet.noneOf(Access.class);
        held.addAll(caller.userLevels());
        boolean badToken = false;
        boolean tokenPresented = false;
        for (String token : presentedTokens(caller)) {
            tokenPresented = true;
            byte[] presented = token.getBytes(StandardCharsets.UTF_8);
            if (matches(adminTokens, presented)) {
                held.add(Access.ADMIN);
            } else if (matches(appTokens, presented)) {
                held.add(Access.APP);
            } else {
                badToken = true;
            }
        }
        if (loopbackClient(caller) && !tokenGuards(required)) {
            return Verdict.ALLOWED;
        }
        if (held.stream().anyMatch(level -> level.covers(required))) {
            return Verdict.ALLOWED;
        }
        if (badToken || caller.login() == Caller.Login.REFUSED) {
            return Verdict.BAD_CREDENTIALS;
        }
        return tokenPresented || caller.login() == Caller.Login.LOGGED_IN ? Verdict.NOT_PERMITTED : Verdict.NO_CREDENTIALS;
    }

    /** Whether a token is configured for the level: then loopback clients must present it too. */
    public boolean tokenGuards(Access level) {
        return switch (level) {
            case PUBLIC -> false;
            case APP -> !appTokens.isEmpty();
            case VIEWER, ADMIN -> !adminTokens.isEmpty();
        };
    }

    public boolean trustsLoopback() {
        return trustLoopback;
    }

    private boolean loopbackClient(Caller caller) {
        return trustLoopback
                && isLoopback(caller.remoteAddress())
                && caller.header().apply("Forwarded") == null
                && caller.header().apply("X-Forwarded-For") == null
                && caller.header().apply(SERVER_REQUEST_HEADER) == null;
    }

    private static boolean matches(List<byte[]> configured, byte[] presented) {
        boolean match = false;
        for (byte[] token : configured) {
            // constant time, and every token compared: the time taken says nothing about the tokens
            match |= MessageDigest.isEqual(token, presented);
        }
        return match;
    }

    private static List<String> presentedTokens(Caller caller) {
        List<String> tokens = new ArrayList<>(2);
        String authorization = caller.header().apply("Authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            tokens.add(authorization.substring(7).trim());
        }
        String own = caller.header().apply(ADMIN_TOKEN_HEADER);
        if (own != null) {
            tokens.add(own.trim());
        }
        String app = caller.header().apply(APP_TOKEN_HEADER);
        if (app != null) {
            tokens.add(app.trim());
        }
        for (String name : CAPSULE_HEADERS) {
            String value = caller.header().apply(name);
            if (value != null) {
                tokens.add(value.trim());
            }
        }
        return tokens;
    }

    /** Whether a literal address is a loopback one; a name is never resolved here. */
    public static boolean isLoopback(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return false;
        }
        String address = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (!ADDRESS_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
