// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.redis;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.RedisBindingFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.BindingConnectionFactory;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.redis.RedisSettings;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;

/**
 * The {@code redis} output binding (Dapr's Redis binding operations): {@code create} sets a key
 * (metadata {@code key}, optional {@code ttlInSeconds}), {@code get} reads it, {@code delete}
 * removes it. One jedis pool per binding, created on first use.
 */
@ConnectionDefinition(
        connectionFactory = RedisBindingFactory.class,
        connectionFactoryImpl = RedisBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class RedisBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "127.0.0.1", description = "Redis host")
    private String host = "127.0.0.1";

    @ConfigProperty(defaultValue = "6379", description = "Redis TCP port, 1-65535")
    private Integer port = 6379;

    @ConfigProperty(defaultValue = "", confidential = true, description = "Redis password (AUTH); empty for none")
    private String password = "";

    @ConfigProperty(defaultValue = "0", description = "Redis database index, 0 or more")
    private Integer database = 0;

    @ConfigProperty(defaultValue = "2000", description = "Connect, socket and pool-wait timeout in milliseconds")
    private Integer timeoutMillis = 2000;

    @ConfigProperty(defaultValue = "8", description = "Most Redis sockets open at once for this binding")
    private Integer poolSize = 8;

    @ConfigProperty(defaultValue = "capa:binding:", description = "Prefix put before every key, e.g. 'orders:'; required,"
            + " so that callers reach only this binding's keys, never the server's own (routes, actor state)")
    private String keyPrefix = "capa:binding:";

    @Override
    protected void validate() {
        settings();
        keyPrefix();
    }

    private String keyPrefix() {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new InvalidConfigException("keyPrefix", "must not be empty: without one a caller could read and"
                    + " overwrite every key of the database (e.g. capa:binding:)");
        }
        return keyPrefix;
    }

    private RedisSettings settings() {
        return new RedisSettings(host, required("port", port, 1), password == null ? "" : password,
                required("database", database, 0), required("timeoutMillis", timeoutMillis, 1),
                required("poolSize", poolSize, 1));
    }

    @Override
    protected BindingTransport openTransport() {
        return new RedisTransport(settings(), keyPrefix());
    }

    @Override
    protected BindingConnectionFactory newConnectionFactory(ConnectionManager manager) {
        return new RedisBindingConnectionFactory(this, manager);
    }

    @Override
    public String describe() {
        return "redis " + host + ":" + port + "/" + database;
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

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
