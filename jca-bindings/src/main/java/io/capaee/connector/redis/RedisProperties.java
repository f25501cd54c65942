// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.connector.InvalidConfigException;
import java.io.Serializable;

/**
 * The Redis connection properties of a managed connection factory or an activation spec, as the
 * container sets them: {@code host}, {@code port}, {@code password}, {@code database},
 * {@code timeoutMillis} and {@code poolSize}. JCA finds a property by the setter on the bean class
 * itself, so each such class has one-line setters that delegate here, annotated with the defaults
 * and descriptions below; the values, their defaults and their checks ({@link #settings()}) are
 * kept only here.
 */
public final class RedisProperties implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String HOST = "127.0.0.1";
    public static final String PORT = "6379";
    public static final String DATABASE = "0";
    public static final String TIMEOUT_MILLIS = "2000";

    public static final String HOST_HELP = "Redis host";
    public static final String PORT_HELP = "Redis TCP port, 1-65535";
    public static final String PASSWORD_HELP = "Redis password (AUTH); empty for none";
    public static final String DATABASE_HELP = "Redis database index, 0 or more";
    public static final String TIMEOUT_HELP = "Redis connect, socket and pool-wait timeout in milliseconds";
    public static final String POOL_SIZE_HELP = "Most Redis sockets open at once";

    private String host = HOST;
    private Integer port = Integer.valueOf(PORT);
    private String password = "";
    private Integer database = Integer.valueOf(DATABASE);
    private Integer timeoutMillis = Integer.valueOf(TIMEOUT_MILLIS);
    private Integer poolSize;

    /** With {@code poolSize} sockets at most unless set otherwise. */
    public RedisProperties(int poolSize) {
        this.poolSize = poolSize;
    }

    /** The checked settings; a bad value throws {@link InvalidConfigException} naming its property. */
    public RedisSettings settings() {
        return new RedisSettings(host, required("port", port), password == null ? "" : password,
                required("database", database), required("timeoutMillis", timeoutMillis), required("poolSize", poolSize));
    }

    /** What these properties point at, as set (also before they are checked); no secrets. */
    public String describe() {
        return "redis " + host + ":" + port + "/" + database;
    }

    private static int required(String property, Integer value) {
        if (value == null) {
            throw new InvalidConfigException(property, "must be set");
        }
        return value;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getDatabase() {
        return database;
    }

    public void setDatabase(Integer database) {
        this.database = database;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public Integer getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(Integer poolSize) {
        this.poolSize = poolSize;
    }
}
