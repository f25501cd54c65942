// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.store.NamespacedStoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.time.Duration;

/**
 * Lock stores ({@code eis/capa/lock/NAME}): memory (default) or Redis leases. A lease is at most
 * {@code maxExpirySeconds} long (a lock held for a century is a denial of service), and the memory
 * backend holds at most {@code maxEntries} leases.
 */
@ConnectionDefinition(
        connectionFactory = LockConnectionFactory.class,
        connectionFactoryImpl = LockConnectionFactoryImpl.class,
        connection = LockConnection.class,
        connectionImpl = LockConnectionHandle.class)
public class LockManagedConnectionFactory extends NamespacedStoreManagedConnectionFactory<LockBackend> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "3600", description = "Longest lease a caller may ask for, in seconds; longer is refused")
    private Long maxExpirySeconds = 3600L;

    @ConfigProperty(defaultValue = "10000", description = "Most leases the memory backend holds at once; one more is refused")
    private Integer maxEntries = 10000;

    @Override
    protected void validateStore() {
        super.validateStore();
        checkedMaxExpiry();
        checkedMaxEntries();
    }

    private Duration checkedMaxExpiry() {
        if (maxExpirySeconds == null || maxExpirySeconds < 1 || maxExpirySeconds > LockBackend.MAX_EXPIRY_MILLIS / 1000) {
            throw new InvalidConfigException("maxExpirySeconds", maxExpirySeconds + " must be between 1 and "
                    + LockBackend.MAX_EXPIRY_MILLIS / 1000 + " (capa.lock.max-expiry-seconds)");
        }
        return Duration.ofSeconds(maxExpirySeconds);
    }

    private int checkedMaxEntries() {
        return (int) atLeastOne("maxEntries", maxEntries, "capa.lock.memory.max-entries");
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new LockConnectionHandle(namespace(), checkedMaxExpiry());
    }

    @Override
    protected LockBackend memoryBackend() {
        return new MemoryLockBackend(checkedMaxEntries());
    }

    @Override
    protected LockBackend redisBackend(RedisClient redis) {
        return new RedisLockBackend(redis);
    }

    public Long getMaxExpirySeconds() {
        return maxExpirySeconds;
    }

    public void setMaxExpirySeconds(Long maxExpirySeconds) {
        this.maxExpirySeconds = maxExpirySeconds;
    }

    public Integer getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(Integer maxEntries) {
        this.maxEntries = maxEntries;
    }
}
