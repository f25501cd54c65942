// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import io.capaee.connector.InvalidConfigException;
import java.util.Objects;

/**
 * How to reach NATS; validated, naming the bad config property. {@code servers}: one URL or
 * several, comma separated. Authentication is a {@code token}, or a user JWT with its NKey seed
 * ({@code userJwt} and {@code userSeed}, both or neither); each may be empty and none is ever
 * printed. {@code timeoutMillis}: the connect timeout, and the timeout of the callers' requests.
 */
public record NatsSettings(String servers, String token, String userJwt, String userSeed, int timeoutMillis) {
    /** The connect timeout of connectors, which have no property for it. */
    public static final int CONNECTOR_TIMEOUT_MILLIS = 5000;

    public NatsSettings {
        checkServers("servers", servers);
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
        token = Objects.requireNonNullElse(token, "");
        userJwt = Objects.requireNonNullElse(userJwt, "");
        userSeed = Objects.requireNonNullElse(userSeed, "");
        if (userJwt.isEmpty() != userSeed.isEmpty()) {
            throw new InvalidConfigException(userJwt.isEmpty() ? "userJwt" : "userSeed",
                    "a user JWT and its NKey seed go together: set both or neither");
        }
    }

    /** The settings of the JCA properties: token authentication (or none). */
    public NatsSettings(String servers, String token, int timeoutMillis) {
        this(servers, token, "", "", timeoutMillis);
    }

    /**
     * The settings of a connector step: its {@code url} (refused naming {@code property}) and, when
     * given, its user JWT and NKey seed.
     */
    public static NatsSettings fromUrl(String property, String url, String userJwt, String userSeed) {
        checkServers(property, url);
        if (userJwt == null || userSeed == null) {
            return new NatsSettings(url, "", "", "", CONNECTOR_TIMEOUT_MILLIS);
        }
        return new NatsSettings(url, "", userJwt, userSeed, CONNECTOR_TIMEOUT_MILLIS);
    }

    private static void checkServers(String property, String servers) {
        if (servers == null || servers.isBlank()) {
            throw new InvalidConfigException(property, "must name at least one NATS server URL");
        }
        for (String server : servers.split(",")) {
            String s = server.strip();
            if (!(s.startsWith("nats://") || s.startsWith("tls://") || s.startsWith("ws://") || s.startsWith("wss://"))) {
                throw new InvalidConfigException(property, "'" + s + "' is not a nats://, tls://, ws:// or wss:// URL");
            }
        }
    }

    /** The server URLs, one an element. */
    public String[] serverList() {
        return servers.split("\\s*,\\s*");
    }

    @Override
    public String toString() {
        return "NatsSettings[" + servers + ", timeoutMillis=" + timeoutMillis + ", token="
                + (token.isEmpty() ? "none" : "***") + (userJwt.isEmpty() ? "" : ", user credentials=***") + "]";
    }
}
