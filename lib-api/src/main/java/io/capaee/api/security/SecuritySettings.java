// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The server's access settings.
 *
 * @param adminTokens {@code capa.admin.token}: each grants {@link Access#ADMIN}; comma separated, so that a new
 *     token can be added before the old one is removed (rotation); empty when not configured
 * @param appTokens {@code capa.dapr.api-token}: each grants {@link Access#APP}; comma separated as above
 * @param trustLoopback {@code capa.security.trust-loopback}: a caller on loopback, not relayed and not
 *     sent by this server, holds every level that no configured token guards (the development default)
 * @param functions {@code capa.security.functions}: the level function calls need ({@code /wasm/functions/...}
 *     and {@code /functions/...} through the reverse proxy); {@link Access#PUBLIC} by default
 */
public record SecuritySettings(List<String> adminTokens, List<String> appTokens, boolean trustLoopback, Access functions) {
    public static final String ADMIN_TOKEN_KEY = "capa.admin.token";
    public static final String APP_TOKEN_KEY = "capa.dapr.api-token";
    public static final String TRUST_LOOPBACK_KEY = "capa.security.trust-loopback";
    public static final String FUNCTIONS_KEY = "capa.security.functions";

    public SecuritySettings {
        adminTokens = List.copyOf(adminTokens);
        appTokens = List.copyOf(appTokens);
        Objects.requireNonNull(functions, FUNCTIONS_KEY);
    }

    public static SecuritySettings from(Config config) {
        return new SecuritySettings(tokens(config.getOptionalValue(ADMIN_TOKEN_KEY, String.class)),
                tokens(config.getOptionalValue(APP_TOKEN_KEY, String.class)),
                config.getValue(TRUST_LOOPBACK_KEY, Boolean.class),
                level(config.getValue(FUNCTIONS_KEY, String.class)));
    }

    private static Access level(String value) {
        try {
            return Access.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FUNCTIONS_KEY + " must be public, app, viewer or admin, not '" + value + "'", e);
        }
    }

    /**
     * The Dapr API token this server presents to its own APIs (the first of {@code capa.dapr.api-token}, the
     * newest during a rotation), for the deliveries it makes to its own functions and actors.
     */
    public static Optional<String> ownAppToken(Optional<String> configured) {
        return tokens(configured).stream().findFirst();
    }

    /** The tokens of a comma-separated value, blanks dropped. */
    public static List<String> tokens(Optional<String> value) {
        return value.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
