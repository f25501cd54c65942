// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockException;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import java.util.List;

/**
 * Leases in Redis: {@code SET key owner NX PX expiry}. Unlock is one Lua script that compares the
 * owner and deletes, so a lease that expired and was taken by someone else in between is never
 * deleted by its former owner.
 */
public final class RedisLockBackend implements LockBackend {
    private static final String UNLOCK = String.join("\n",
            "local v = redis.call('GET', KEYS[1])",
            "if not v then return 1 end",
            "if v ~= ARGV[1] then return 2 end",
            "redis.call('DEL', KEYS[1])",
            "return 0");

    private final RedisCommands redis;

    public RedisLockBackend(RedisClient client) {
        this.redis = client.commands(e -> new LockException(e.getMessage(), e));
    }

    @Override
    public boolean tryLock(String key, String owner, long expiryMillis) {
        return redis.setIfAbsent(key, owner, Math.min(expiryMillis, MAX_EXPIRY_MILLIS));
    }

    @Override
    public UnlockStatus unlock(String key, String owner) {
        long code = (Long) redis.eval(UNLOCK, List.of(key), List.of(owner));
        return switch ((int) code) {
            case 0 -> UnlockStatus.SUCCESS;
            case 1 -> UnlockStatus.LOCK_DOES_NOT_EXIST;
            case 2 -> UnlockStatus.LOCK_BELONGS_TO_OTHERS;
            default -> UnlockStatus.INTERNAL_ERROR;
        };
    }
}
