// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.store;

import io.capaee.connector.BindingException;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.ManagedConnectionFactoryBase;
import io.capaee.connector.redis.RedisSettings;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.outbound.UnmanagedConnectionManager;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;

/**
 * Base of the building-block store factories: the {@code backend} (memory or redis), the Redis
 * connection properties and the {@code appId} that namespaces every key ({@code appId||key}).
 * Each factory owns one backend {@code B}, created on first use; a Redis client is owned by the
 * resource adapter, which closes it when it stops. Bad config fails when the connection factory is
 * created, naming the property.
 */
public abstract class StoreManagedConnectionFactory<B> extends ManagedConnectionFactoryBase {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "memory", description = "Backend: memory (in this server, lost on restart) or redis")
    private String backend = "memory";

    @ConfigProperty(defaultValue = "capa", description = "Application id: every key is stored as appId||key,"
            + " so that two applications sharing a Redis never see each other's keys")
    private String appId = "capa";

    @ConfigProperty(defaultValue = "127.0.0.1", description = "Redis host (backend redis)")
    private String host = "127.0.0.1";

    @ConfigProperty(defaultValue = "6379", description = "Redis TCP port (backend redis)")
    private Integer port = 6379;

    @ConfigProperty(defaultValue = "", confidential = true, description = "Redis password; empty for none (backend redis)")
    private String password = "";

    @ConfigProperty(defaultValue = "0", description = "Redis database index (backend redis)")
    private Integer database = 0;

    @ConfigProperty(defaultValue = "2000", description = "Redis connect, socket and pool-wait timeout in ms (backend redis)")
    private Integer timeoutMillis = 2000;

    @ConfigProperty(defaultValue = "16", description = "Most Redis sockets open at once (backend redis)")
    private Integer poolSize = 16;

    private transient B store; // guarded by this
    private transient RedisClient redis; // guarded by this

    /** The connection factory bound in JNDI, handing out handles through {@code manager}. */
    protected abstract Object newConnectionFactory(ConnectionManager manager);

    /** A new application handle for a connection on this factory's backend. */
    protected abstract ConnectionHandle newHandle(String namespace);

    /** The class of the handles {@link #newHandle} returns. */
    protected abstract Class<? extends ConnectionHandle> handleType();

    /** A new in-memory backend. */
    protected abstract B memoryBackend();

    /** A new backend on {@code redis}. */
    protected abstract B redisBackend(RedisClient redis);

    /** The {@code backend} values this kind of store has besides memory and redis (lower case); none by default. */
    protected Set<String> otherBackends() {
        return Set.of();
    }

    /** Checks the properties of one of {@link #otherBackends()}, naming the bad property; connects nothing. */
    protected void validateOther(String kind) {
    }

    /**
     * A new backend of one of {@link #otherBackends()}, connecting lazily. One that is
     * {@link AutoCloseable} is owned by the resource adapter and closed when it stops.
     */
    protected B otherBackend(String kind) {
        throw new InvalidConfigException("backend", "'" + kind + "' is not a backend of this store");
    }

    /** What a backend of one of {@link #otherBackends()} talks to, for messages and listings; no secrets. */
    protected String describeOther(String kind) {
        return kind;
    }

    /** True when {@code store} was closed (by the adapter stopping) and must be created again. */
    protected boolean closed(B store) {
        return false;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        validate();
        try {
            return newConnectionFactory(manager);
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        validate();
        String namespace = namespace();
        return new BackendManagedConnection<>(this, backend(), describe(), () -> newHandle(namespace), handleType());
    }

    /** Validates the config; the container calls this when it creates the connection factory. */
    protected final void validate() throws ResourceException {
        try {
            String other = otherKind();
            if (other != null) {
                validateOther(other);
            } else {
                backendKind();
                redisSettings();
            }
            namespace();
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    /** The shared backend, created on first use (again after the adapter closed its Redis client). */
    protected final synchronized B backend() throws ResourceException {
        try {
            if (store == null || (redis != null && redis.closed()) || closed(store)) {
                String other = otherKind();
                if (other != null) {
                    store = otherBackend(other);
                    if (store instanceof AutoCloseable closeable) {
                        adapter().own(closeable);
                    }
                } else if (backendKind() == StoreBackend.REDIS) {
                    redis = adapter().own(new RedisClient(redisSettings()));
                    store = redisBackend(redis);
                } else {
                    store = memoryBackend();
                }
            }
            return store;
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    /** {@code appId||}, the prefix of every stored key. */
    public final String namespace() {
        if (appId == null || appId.isBlank() || appId.contains("||")) {
            throw new InvalidConfigException("appId", "must be a non-empty name without '||', got '" + appId + "'");
        }
        return appId.strip() + "||";
    }

    /** What this factory talks to, for messages; no secrets. */
    public final String describe() {
        String other = otherKind();
        if (other != null) {
            return describeOther(other);
        }
        return backendKind() == StoreBackend.REDIS ? "redis " + host + ":" + port + "/" + database : "memory";
    }

    private StoreBackend backendKind() {
        try {
            return StoreBackend.parse(backend);
        } catch (InvalidConfigException e) {
            if (otherBackends().isEmpty()) {
                throw e;
            }
            Set<String> all = new TreeSet<>(otherBackends());
            all.add("memory");
            all.add("redis");
            throw new InvalidConfigException("backend", "'" + backend + "' is not a backend of this store: use "
                    + String.join(", ", all));
        }
    }

    /** The {@code backend} value when it names one of {@link #otherBackends()}, else null. */
    private String otherKind() {
        String v = backend == null ? "" : backend.strip().toLowerCase(Locale.ROOT);
        return otherBackends().contains(v) ? v : null;
    }

    private RedisSettings redisSettings() {
        return new RedisSettings(host, required("port", port), password == null ? "" : password,
                required("database", database), required("timeoutMillis", timeoutMillis), required("poolSize", poolSize));
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

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
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
