// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.connector.InvalidConfigException;
import java.net.URI;
import java.util.Objects;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Where and how to reach Redis. The compact constructor rejects values that cannot work and
 * names the config property. {@code user} and {@code password} may be empty (the default user,
 * no AUTH); the password is never printed. {@code tls}: a {@code rediss://} connection.
 */
public record RedisSettings(String host, int port, String user, String password, int database, boolean tls,
        int timeoutMillis, int poolSize) {

    public RedisSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (host == null || host.isBlank()) {
            throw new InvalidConfigException("host", "must name the Redis host, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidConfigException("port", port + " is not a TCP port (1-65535)");
        }
        if (database < 0) {
            throw new InvalidConfigException("database", database + " is not a Redis database index (0 or more)");
        }
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
        if (poolSize < 1) {
            throw new InvalidConfigException("poolSize", poolSize + " must be at least 1");
        }
    }

    /** The settings of the JCA properties: the default user, no TLS. */
    public RedisSettings(String host, int port, String password, int database, int timeoutMillis, int poolSize) {
        this(host, port, "", password, database, false, timeoutMillis, poolSize);
    }

    /**
     * The settings a {@code redis://[user:password@]host[:port][/database]} URL names ({@code rediss://}
     * for TLS), as jedis reads such a URL; a bad one is refused naming {@code property}.
     */
    public static RedisSettings fromUrl(String property, String url, int timeoutMillis, int poolSize) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(property, "'" + url + "' is not a URL: " + e.getMessage());
        }
        if (!JedisURIHelper.isValid(uri) || !(JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))) {
            throw new InvalidConfigException(property, "needs a redis:// or rediss:// URL with a host and a port, got "
                    + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
        }
        String user = JedisURIHelper.getUser(uri);
        String password = JedisURIHelper.getPassword(uri);
        return new RedisSettings(uri.getHost(), uri.getPort(), user == null ? "" : user, password == null ? "" : password,
                JedisURIHelper.getDBIndex(uri), JedisURIHelper.isRedisSSLScheme(uri), timeoutMillis, poolSize);
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code redis host:port/database}: what a store or binding on these settings talks to; no secrets. */
    public String describe() {
        return "redis " + address() + "/" + database;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + "/" + database + (tls ? ", tls" : "") + (user.isEmpty() ? "" : ", user=" + user)
                + ", timeoutMillis=" + timeoutMillis + ", poolSize=" + poolSize + ", password="
                + (password.isEmpty() ? "none" : "***") + "]";
    }
}
