// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.connector.BindingException;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.KeyValueStore;
import io.capaee.connector.memory.MemoryKeyValueStore;
import io.capaee.connector.redis.RedisKeyValueStore;
import io.capaee.connector.redis.RedisSettings;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import javax.security.auth.Subject;

/**
 * Key/value connections ({@code eis/capa/keyvalue}): the {@code memory} backend (default; one
 * store per factory instance) or {@code redis} (one jedis pool per factory, created on the first
 * connection and closed when the resource adapter stops). Config is checked when the connection
 * factory is created and again for every managed connection; a bad value gives an
 * {@code InvalidPropertyException} naming the property.
 */
@ConnectionDefinition(
        connectionFactory = KeyValueConnectionFactory.class,
        connectionFactoryImpl = KeyValueConnectionFactoryImpl.class,
        connection = KeyValueConnection.class,
        connectionImpl = KeyValueConnectionHandle.class)
public class KeyValueManagedConnectionFactory extends ManagedConnectionFactoryBase {
    private static final long serialVersionUID = 1L;

    static final String DEFAULT_BACKEND = "memory";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 6379;
    static final int DEFAULT_DATABASE = 0;
    static final int DEFAULT_TIMEOUT_MILLIS = 2000;
    static final int DEFAULT_POOL_SIZE = 16;

    @ConfigProperty(defaultValue = DEFAULT_BACKEND,
            description = "Key/value backend: memory (in this server, lost on restart) or redis")
    private String backend = DEFAULT_BACKEND;

    @ConfigProperty(defaultValue = DEFAULT_HOST, description = "Redis host (backend redis)")
    private String host = DEFAULT_HOST;

    @ConfigProperty(defaultValue = "" + DEFAULT_PORT, description = "Redis TCP port, 1-65535 (backend redis)")
    private Integer port = DEFAULT_PORT;

    @ConfigProperty(defaultValue = "", confidential = true,
            description = "Redis password (AUTH); empty for none (backend redis)")
    private String password = "";

    @ConfigProperty(defaultValue = "" + DEFAULT_DATABASE, description = "Redis database index, 0 or more (backend redis)")
    private Integer database = DEFAULT_DATABASE;

    @ConfigProperty(defaultValue = "" + DEFAULT_TIMEOUT_MILLIS,
            description = "Redis connect, socket and pool-wait timeout in milliseconds (backend redis)")
    private Integer timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

    @ConfigProperty(defaultValue = "" + DEFAULT_POOL_SIZE,
            description = "Most Redis sockets open at once for this connection factory (backend redis)")
    private Integer poolSize = DEFAULT_POOL_SIZE;

    private transient KeyValueStore store; // guarded by this; created on first use
    private final transient WriteStamps stamps = new WriteStamps();

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        try {
            validate();
        } catch (BindingException e) {
            throw toResourceException(e);
        }
        return new KeyValueConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            validate();
            return new KeyValueManagedConnection(this, store());
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    /** The shared backend of this factory, created on first use. */
    synchronized KeyValueStore store() {
        if (store == null || (store instanceof RedisKeyValueStore redis && redis.closed())) {
            store = switch (backendKind()) {
                case MEMORY -> new MemoryKeyValueStore();
                case REDIS -> adapter().own(new RedisKeyValueStore(redisSettings()));
            };
        }
        return store;
    }

    /** Counts the writes made through this factory's connections (see {@link KeyValueConnectionFactoryImpl#writeStamp}). */
    WriteStamps stamps() {
        return stamps;
    }

    /** What this factory talks to, for messages; no secrets. */
    String describe() {
        return inMemory() ? "memory" : "redis " + host + ":" + port + "/" + database;
    }

    /**
     * Whether the backend is the in-memory one, read as {@link KeyValueBackend#parse} reads it but
     * without its allocation ({@link KeyValueConnectionFactoryImpl#writeStamp} asks on every proxy request).
     */
    boolean inMemory() {
        return DEFAULT_BACKEND.equalsIgnoreCase(String.valueOf(backend).strip());
    }

    /** Checks every property, whatever the backend, so that a typo never waits for a backend switch. */
    private void validate() {
        backendKind();
        redisSettings();
    }

    private KeyValueBackend backendKind() {
        return KeyValueBackend.parse(backend);
    }

    private RedisSettings redisSettings() {
        return new RedisSettings(host, required("port", port), password == null ? "" : password,
                required("database", database), required("timeoutMillis", timeoutMillis),
                required("poolSize", poolSize));
    }

    private static int required(String property, Integer value) {
        if (value == null) {
            throw new InvalidConfigException(property, "must be set");
        }
        return value;
    }

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
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
