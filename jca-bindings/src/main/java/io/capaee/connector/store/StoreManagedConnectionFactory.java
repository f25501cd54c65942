// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.store;

import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisManagedConnectionFactory;
import io.capaee.connector.redis.RedisProperties;
import jakarta.resource.spi.ConfigProperty;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Base of the store factories (key/value, state, locks, configuration, pub/sub): the
 * {@code backend} (memory or redis, or one of {@link #otherBackends()}) and the Redis connection
 * properties. Each factory owns one backend {@code B}, shared by all its managed connections and
 * created on first use; its Redis client is owned by the resource adapter, which closes it when it
 * stops (the backend is then created again on next use). Every property is checked when the
 * connection factory is created, whatever the backend, so that a typo never waits for a backend
 * switch; a bad one gives an {@code InvalidPropertyException} naming it.
 */
public abstract class StoreManagedConnectionFactory<B> extends RedisManagedConnectionFactory<B> {
    private static final long serialVersionUID = 1L;
    private static final String POOL_SIZE = "16";
    private static final String REDIS_ONLY = " (backend redis)";

    @ConfigProperty(defaultValue = "memory", description = "Backend: memory (in this server, lost on restart) or redis")
    private String backend = "memory";

    protected StoreManagedConnectionFactory() {
        super(Integer.parseInt(POOL_SIZE));
    }

    private transient RedisClient client; // guarded by this; the Redis backend's

    /** A new in-memory backend; the config was checked ({@link #validate()}) before. */
    protected abstract B memoryBackend();

    /** A new backend on {@code redis}. */
    protected abstract B redisBackend(RedisClient redis);

    /** Checks this kind of store's own properties, naming the bad one; nothing by default. */
    protected void validateStore() {
    }

    /** The {@code backend} values this kind of store has besides memory and redis (lower case); none by default. */
    protected Set<String> otherBackends() {
        return Set.of();
    }

    /** Checks the properties of one of {@link #otherBackends()}, naming the bad property; connects nothing. */
    protected void validateOther(String kind) {
    }

    /**
     * A new backend of one of {@link #otherBackends()}, connecting lazily. One that is a
     * {@link io.capaee.connector.outbound.SharedBackend} is owned by the resource adapter and closed when it stops.
     */
    protected B otherBackend(String kind) {
        throw new InvalidConfigException("backend", "'" + kind + "' is not a backend of this store");
    }

    /** What a backend of one of {@link #otherBackends()} talks to, for messages and listings; no secrets. */
    protected String describeOther(String kind) {
        return kind;
    }

    /** True when the store or its Redis client was closed (by the adapter stopping). */
    @Override
    protected synchronized boolean closed(B store) {
        return super.closed(store) || (client != null && client.closed());
    }

    /** Validates the config; the container calls this when it creates the connection factory. */
    @Override
    protected final void validate() {
        String other = otherKind();
        if (other != null) {
            validateOther(other);
        } else {
            backendKind();
            redis().settings();
        }
        validateStore();
    }

    /** A new backend; the adapter owns its Redis client. */
    @Override
    protected final synchronized B openBackend() {
        client = null;
        String other = otherKind();
        if (other != null) {
            return otherBackend(other);
        }
        if (backendKind() == StoreBackend.REDIS) {
            client = adapter().own(new RedisClient(redis().settings(), "capa-ee"));
            return redisBackend(client);
        }
        return memoryBackend();
    }

    /** A count that must be at least 1, set in server.xml by {@code variable} (named in the message). */
    protected static long atLeastOne(String property, Number value, String variable) {
        if (value == null || value.longValue() < 1) {
            throw new InvalidConfigException(property, value + " must be at least 1 (" + variable + ")");
        }
        return value.longValue();
    }

    /** What this factory talks to, for messages; no secrets. */
    @Override
    public final String describe() {
        String other = otherKind();
        if (other != null) {
            return describeOther(other);
        }
        return backendKind() == StoreBackend.REDIS ? redis().describe() : "memory";
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

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    @ConfigProperty(defaultValue = POOL_SIZE, description = RedisProperties.POOL_SIZE_HELP + REDIS_ONLY)
    public void setPoolSize(Integer poolSize) {
        redis().setPoolSize(poolSize);
    }

    public Integer getPoolSize() {
        return redis().getPoolSize();
    }
}
