// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import io.capaee.api.lock.LockException;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.connector.store.RedisClient;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

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

    private final RedisClient redis;

    public RedisLockBackend(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public boolean tryLock(String key, String owner, long expiryMillis) {
        return "OK".equals(call("SET", () -> redis.jedis().set(key, owner, SetParams.setParams().nx()
                .px(Math.min(expiryMillis, MAX_EXPIRY_MILLIS)))));
    }

    @Override
    public UnlockStatus unlock(String key, String owner) {
        long code = (Long) call("EVAL", () -> redis.jedis().eval(UNLOCK, List.of(key), List.of(owner)));
        return switch ((int) code) {
            case 0 -> UnlockStatus.SUCCESS;
            case 1 -> UnlockStatus.LOCK_DOES_NOT_EXIST;
            case 2 -> UnlockStatus.LOCK_BELONGS_TO_OTHERS;
            default -> UnlockStatus.INTERNAL_ERROR;
        };
    }

    private <T> T call(String command, Supplier<T> action) {
        if (redis.closed()) {
            throw new LockException("the lock store's redis client for " + redis.settings().address() + " is closed");
        }
        try {
            return action.get();
        } catch (JedisException e) {
            throw new LockException("redis at " + redis.settings().address() + " failed " + command + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new LockException("the lock store's redis client for " + redis.settings().address() + " is closed", e);
        }
    }
}
