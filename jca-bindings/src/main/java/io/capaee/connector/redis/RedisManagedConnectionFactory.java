// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;

/**
 * Base of the managed connection factories that reach Redis (the stores and the {@code redis}
 * output binding): the Redis connection properties, kept in {@link RedisProperties}. The pool size
 * is declared by each subclass, since its default is the subclass's own.
 */
public abstract class RedisManagedConnectionFactory<B> extends BackendManagedConnectionFactory<B> {
    private static final long serialVersionUID = 1L;

    private final RedisProperties redis;

    protected RedisManagedConnectionFactory(int poolSize) {
        this.redis = new RedisProperties(poolSize);
    }

    /** The Redis connection properties as set. */
    protected final RedisProperties redis() {
        return redis;
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
