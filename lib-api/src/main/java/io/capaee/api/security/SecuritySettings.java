// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The server's access settings.
 *
 * @param adminToken {@code capa.admin.token}: grants {@link Access#ADMIN}; empty when not configured
 * @param appToken {@code capa.dapr.api-token}: grants {@link Access#APP}; empty when not configured
 * @param trustLoopback {@code capa.security.trust-loopback}: a caller on loopback, not relayed and not
 *     sent by this server, holds every level that no configured token guards (the development default)
 */
public record SecuritySettings(Optional<String> adminToken, Optional<String> appToken, boolean trustLoopback) {
    public static final String ADMIN_TOKEN_KEY = "capa.admin.token";
    public static final String APP_TOKEN_KEY = "capa.dapr.api-token";
    public static final String TRUST_LOOPBACK_KEY = "capa.security.trust-loopback";

    public SecuritySettings {
        adminToken = adminToken.map(String::trim).filter(t -> !t.isEmpty());
        appToken = appToken.map(String::trim).filter(t -> !t.isEmpty());
    }

    public static SecuritySettings from(Config config) {
        return new SecuritySettings(config.getOptionalValue(ADMIN_TOKEN_KEY, String.class),
                config.getOptionalValue(APP_TOKEN_KEY, String.class),
                config.getOptionalValue(TRUST_LOOPBACK_KEY, Boolean.class).orElse(true));
    }
}
