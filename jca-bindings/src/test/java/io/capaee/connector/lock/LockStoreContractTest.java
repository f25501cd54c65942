// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.lock.LockException;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.connector.CapaResourceAdapter;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/** The lock contract on the memory backend and the real Redis, through the connection factory. */
class LockStoreContractTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String appId = "capa-test-" + UUID.randomUUID();
    private LockConnection locks;

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
    }

    @AfterEach
    void stop() {
        if (locks != null) {
            locks.close();
        }
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : admin.keys(appId + "*")) {
                admin.del(key);
            }
        }
    }

    private LockConnection open(String backend) throws Exception {
        return open(backend, 3600L);
    }

    private LockConnection open(String backend, long maxExpirySeconds) throws Exception {
        LockManagedConnectionFactory f = new LockManagedConnectionFactory();
        f.setBackend(backend);
        f.setMaxExpirySeconds(maxExpirySeconds);
        f.setAppId(appId);
        f.setResourceAdapter(adapter);
        return ((LockConnectionFactory) f.createConnectionFactory()).getConnection();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void onlyOneOwnerHoldsALockAndOnlyThatOwnerReleasesIt(String backend) throws Exception {
        locks = open(backend);
        assertTrue(locks.tryLock("res", "alice", Duration.ofSeconds(10)));
        assertFalse(locks.tryLock("res", "bob", Duration.ofSeconds(10)));
        assertFalse(locks.tryLock("res", "alice", Duration.ofSeconds(10)), "not re-entrant");
        assertEquals(UnlockStatus.LOCK_BELONGS_TO_OTHERS, locks.unlock("res", "bob"));
        assertEquals(UnlockStatus.SUCCESS, locks.unlock("res", "alice"));
        assertEquals(UnlockStatus.LOCK_DOES_NOT_EXIST, locks.unlock("res", "alice"));
        assertTrue(locks.tryLock("res", "bob", Duration.ofSeconds(10)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anExpiredLeaseCanBeTakenAndItsFormerOwnerCannotReleaseIt(String backend) throws Exception {
        locks = open(backend);
        assertTrue(locks.tryLock("lease", "alice", Duration.ofMillis(200)));
        Thread.sleep(300);
        assertTrue(locks.tryLock("lease", "bob", Duration.ofSeconds(10)));
        assertEquals(UnlockStatus.LOCK_BELONGS_TO_OTHERS, locks.unlock("lease", "alice"));
        assertEquals(UnlockStatus.SUCCESS, locks.unlock("lease", "bob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anExpiryAboveTheMaximumIsRefusedNamingTheFieldAndTheSetting(String backend) throws Exception {
        locks = open(backend, 60);
        assertTrue(locks.tryLock("minute", "alice", Duration.ofSeconds(60)));
        for (Duration tooLong : new Duration[] {Duration.ofSeconds(61), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofMillis(Long.MAX_VALUE)}) {
            LockException e = assertThrows(LockException.class, () -> locks.tryLock("long", "alice", tooLong));
            assertTrue(e.getMessage().contains("expiryInSeconds") && e.getMessage().contains("capa.lock.max-expiry-seconds"),
                    e.getMessage());
        }
        assertTrue(locks.tryLock("long", "bob", Duration.ofSeconds(10)), "the refused lock was not taken");
        assertEquals(UnlockStatus.SUCCESS, locks.unlock("minute", "alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void emptyIdsAndNonPositiveExpiriesAreRefused(String backend) throws Exception {
        locks = open(backend);
        assertThrows(LockException.class, () -> locks.tryLock("", "alice", Duration.ofSeconds(1)));
        assertThrows(LockException.class, () -> locks.tryLock("r", "", Duration.ofSeconds(1)));
        assertThrows(LockException.class, () -> locks.tryLock("r", "alice", Duration.ZERO));
    }
}
