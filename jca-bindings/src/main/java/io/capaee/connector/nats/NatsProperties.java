// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import io.capaee.connector.InvalidConfigException;
import java.io.Serializable;

/**
 * The NATS connection properties of a managed connection factory or an activation spec, as the
 * container sets them: {@code servers}, {@code token} and {@code timeoutMillis}. JCA finds a
 * property by a setter or field of the bean's own class hierarchy, so each bean has one-line
 * setters that delegate here, annotated with the defaults and descriptions below; the values,
 * their defaults and their checks ({@link #settings()}) are kept only here.
 */
public final class NatsProperties implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SERVERS = "nats://127.0.0.1:4222";
    public static final String TIMEOUT_MILLIS = "5000";

    public static final String SERVERS_HELP = "NATS server URLs, comma separated";
    public static final String TOKEN_HELP = "NATS authentication token; empty for none";
    public static final String TIMEOUT_HELP = "Connect, request and acknowledgement timeout in milliseconds";

    private String servers = SERVERS;
    private String token = "";
    private Integer timeoutMillis = Integer.valueOf(TIMEOUT_MILLIS);

    /** The checked settings; a bad value throws {@link InvalidConfigException} naming its property. */
    public NatsSettings settings() {
        if (timeoutMillis == null) {
            throw new InvalidConfigException("timeoutMillis", "must be set");
        }
        return new NatsSettings(servers, token, timeoutMillis);
    }

    /**
     * A JetStream bucket name (object store or key/value) as the factories take it: 1 to 64 of A-Z,
     * a-z, 0-9, {@code _} and {@code -}; else {@link InvalidConfigException} naming the property
     * {@code bucket} and the server.xml variable {@code setting}.
     */
    public static String checkBucket(String bucket, String setting) {
        if (bucket == null || !bucket.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidConfigException("bucket", "'" + bucket + "' is not a bucket name: 1 to 64 of A-Z, a-z, 0-9, '_' and '-' (" + setting + ")");
        }
        return bucket;
    }

    /** What these properties point at, as set (also before they are checked); no secrets. */
    public String describe() {
        return "nats " + servers;
    }

    public String getServers() {
        return servers;
    }

    public void setServers(String servers) {
        this.servers = servers;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }
}
