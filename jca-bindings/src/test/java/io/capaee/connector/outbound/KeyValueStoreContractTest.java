// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.Fence;
import io.capaee.api.kv.FencedException;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.StartedAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key/value contract on the memory backend and the real Redis (127.0.0.1:6379), through the
 * connection factory, with this test standing in for the container. Every key starts with a
 * prefix unique to the run; the Redis keys are deleted afterwards.
 */
class KeyValueStoreContractTest {
    @RegisterExtension
    final StartedAdapter adapter = new StartedAdapter();
    private final String prefix = adapter.prefix();
    private KeyValueConnectionFactory factory;
    private KeyValueConnection kv;

    @AfterEach
    void close() {
        if (kv != null) {
            kv.close();
        }
    }

    private KeyValueConnection open(String backend) throws Exception {
        KeyValueManagedConnectionFactory f = adapter.associate(new KeyValueManagedConnectionFactory());
        f.setBackend(backend);
        factory = (KeyValueConnectionFactory) f.createConnectionFactory();
        return factory.getConnection();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aValueSetIsReadBackAndReplacedAndAMissingKeyReadsAsEmpty(String backend) throws Exception {
        kv = open(backend);
        kv.set(prefix + "greeting", "hello");
        assertEquals(Optional.of("hello"), kv.get(prefix + "greeting"));
        kv.set(prefix + "greeting", "replaced");
        assertEquals(Optional.of("replaced"), kv.get(prefix + "greeting"));
        assertEquals(Optional.empty(), kv.get(prefix + "missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void deleteRemovesAKeyAndSaysWhetherItExisted(String backend) throws Exception {
        kv = open(backend);
        kv.set(prefix + "gone", "v");
        assertTrue(kv.delete(prefix + "gone"));
        assertEquals(Optional.empty(), kv.get(prefix + "gone"));
        assertFalse(kv.delete(prefix + "gone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void compareAndSetOnlyWritesOverTheExpectedValue(String backend) throws Exception {
        kv = open(backend);
        assertTrue(kv.compareAndSet(prefix + "doc", null, "v1"), "absent key: created");
        assertFalse(kv.compareAndSet(prefix + "doc", null, "other"), "present key: not created again");
        assertFalse(kv.compareAndSet(prefix + "doc", "stale", "v2"));
        assertEquals(Optional.of("v1"), kv.get(prefix + "doc"));
        assertTrue(kv.compareAndSet(prefix + "doc", "v1", "v2"));
        assertEquals(Optional.of("v2"), kv.get(prefix + "doc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void concurrentCompareAndSetIncrementsOnTwoConnectionsLoseNoUpdate(String backend) throws Exception {
        kv = open(backend);
        kv.set(prefix + "counter", "0");
        Runnable incrementer = () -> {
            try (KeyValueConnection own = factory.getConnection()) {
                for (int i = 0; i < 100; i++) {
                    while (true) {
                        String current = own.get(prefix + "counter").orElseThrow();
                        if (own.compareAndSet(prefix + "counter", current, String.valueOf(Integer.parseInt(current) + 1))) {
                            break;
                        }
                    }
                }
            }
        };
        Thread a = new Thread(incrementer);
        Thread b = new Thread(incrementer);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(Optional.of("200"), kv.get(prefix + "counter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aLeaseIsTakenOnceRenewedByItsHolderAndGoneWhenItsTimeToLivePasses(String backend) throws Exception {
        kv = open(backend);
        String lease = prefix + "lease";
        assertTrue(kv.compareAndSet(lease, null, "server-a", Duration.ofSeconds(30)), "free: taken");
        assertFalse(kv.compareAndSet(lease, null, "server-b", Duration.ofSeconds(30)), "held: not taken again");
        assertTrue(kv.compareAndSet(lease, "server-a", "server-a", Duration.ofMillis(300)), "renewed by its holder");
        assertEquals(List.of(lease), kv.keys(prefix + "lea*"));
        Thread.sleep(600);
        assertEquals(Optional.empty(), kv.get(lease), "expired");
        assertTrue(kv.keys(prefix + "lea*").isEmpty(), "an expired key is not listed");
        assertFalse(kv.compareAndSet(lease, "server-a", "server-a", Duration.ofSeconds(30)), "an expired lease is not renewed");
        assertTrue(kv.compareAndSet(lease, null, "server-b", Duration.ofSeconds(30)), "an expired lease is free");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void compareAndDeleteRemovesOnlyTheExpectedValue(String backend) throws Exception {
        kv = open(backend);
        kv.set(prefix + "lease", "server-b");
        assertFalse(kv.compareAndDelete(prefix + "lease", "server-a"), "someone else's");
        assertEquals(Optional.of("server-b"), kv.get(prefix + "lease"));
        assertTrue(kv.compareAndDelete(prefix + "lease", "server-b"));
        assertEquals(Optional.empty(), kv.get(prefix + "lease"));
        assertFalse(kv.compareAndDelete(prefix + "lease", "server-b"), "gone already");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aFencedWriteTakesEffectOnlyWhileItsFenceHolds(String backend) throws Exception {
        kv = open(backend);
        String lease = prefix + "lease";
        Fence mine = new Fence(lease, "server-a 1");
        assertThrows(FencedException.class, () -> kv.compareAndSet(prefix + "doc", null, "v0", mine), "no lease: fenced");
        assertEquals(Optional.empty(), kv.get(prefix + "doc"));
        kv.compareAndSet(lease, null, "server-a 1", Duration.ofSeconds(30));
        assertTrue(kv.compareAndSet(prefix + "doc", null, "v1", mine));
        assertFalse(kv.compareAndSet(prefix + "doc", "stale", "v2", mine), "the fence holds, the value differs");
        assertTrue(kv.compareAndDelete(lease, "server-a 1"));
        kv.compareAndSet(lease, null, "server-b 2", Duration.ofSeconds(30));
        FencedException e = assertThrows(FencedException.class, () -> kv.compareAndSet(prefix + "doc", "v1", "v3", mine));
        assertTrue(e.getMessage().contains(lease), e.getMessage());
        assertEquals(Optional.of("v1"), kv.get(prefix + "doc"), "nothing written by the fenced-off writer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void keysAnswersARedisGlob(String backend) throws Exception {
        kv = open(backend);
        for (String k : List.of("user:a", "user:b", "user:c", "user:ab", "order:a", "user:*")) {
            kv.set(prefix + k, "v");
        }
        assertEquals(Set.of(prefix + "user:a", prefix + "user:b", prefix + "user:c"), Set.copyOf(kv.keys(prefix + "user:[a-c]")));
        assertEquals(Set.of(prefix + "user:*"), Set.copyOf(kv.keys(prefix + "user:\\*")));
        assertEquals(6, kv.keys(prefix + "*").size());
        assertTrue(kv.keys(prefix + "nothing*").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void everyWriteThroughTheFactoryMovesTheKeysWriteStampOnlyInMemory(String backend) throws Exception {
        kv = open(backend);
        long before = factory.writeStamp(prefix + "k");
        kv.set(prefix + "k", "v");
        if (backend.equals("memory")) {
            assertTrue(factory.writeStamp(prefix + "k") > before, "a write in this server is seen without a read");
        } else {
            assertEquals(KeyValueConnectionFactory.NOT_TRACKED, factory.writeStamp(prefix + "k"),
                    "another server may write to Redis: never told unchanged");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aStoppedAdapterLeavesNoConnectionOpen(String backend) throws Exception {
        kv = open(backend);
        kv.set(prefix + "k", "v");
        adapter.adapter().stop();
        if (backend.equals("redis")) {
            KeyValueException e = assertThrows(KeyValueException.class, () -> kv.get(prefix + "k"));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        } else {
            assertEquals(Optional.of("v"), kv.get(prefix + "k"), "the memory store has no client to close");
        }
    }
}
