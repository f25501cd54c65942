// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.connector.redis.RedisProperties;
import io.capaee.connector.redis.RedisSettings;
import jakarta.resource.spi.ConfigProperty;

/**
 * Base of the activation specs that talk to Redis (the stream reader, the cron binding's tick claims): the
 * Redis connection properties {@code host}, {@code port}, {@code password}, {@code database} and
 * {@code timeoutMillis}.
 */
public abstract class RedisConnectedActivationSpec extends InboundActivationSpec {
    private final RedisProperties redis;

    /** With at most {@code poolSize} sockets to Redis per endpoint. */
    protected RedisConnectedActivationSpec(int poolSize) {
        this.redis = new RedisProperties(poolSize);
    }

    /** The checked connection settings; a bad value throws naming its property. */
    protected final RedisSettings redisSettings() {
        return redis.settings();
    }

    /** What the properties point at, for messages; no secrets. */
    protected final String describeRedis() {
        return redis.describe();
    }

    @ConfigProperty(defaultValue = RedisProperties.HOST, description = RedisProperties.HOST_HELP)
    public void setHost(String host) {
        redis.setHost(host);
    }

    public String getHost() {
        return redis.getHost();
    }

    @ConfigProperty(defaultValue = RedisProperties.PORT, description = RedisProperties.PORT_HELP)
    public void setPort(Integer port) {
        redis.setPort(port);
    }

    public Integer getPort() {
        return redis.getPort();
    }

    @ConfigProperty(defaultValue = "", confidential = true, description = RedisProperties.PASSWORD_HELP)
    public void setPassword(String password) {
        redis.setPassword(password);
    }

    public String getPassword() {
        return redis.getPassword();
    }

    @ConfigProperty(defaultValue = RedisProperties.DATABASE, description = RedisProperties.DATABASE_HELP)
    public void setDatabase(Integer database) {
        redis.setDatabase(database);
    }

    public Integer getDatabase() {
        return redis.getDatabase();
    }

    @ConfigProperty(defaultValue = RedisProperties.TIMEOUT_MILLIS, description = RedisProperties.TIMEOUT_HELP)
    public void setTimeoutMillis(Integer timeoutMillis) {
        redis.setTimeoutMillis(timeoutMillis);
    }

    public Integer getTimeoutMillis() {
        return redis.getTimeoutMillis();
    }
}
