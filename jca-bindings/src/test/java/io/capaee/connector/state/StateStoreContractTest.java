// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.state.EtagMismatchException;
import io.capaee.api.state.InvalidEtagException;
import io.capaee.api.state.InvalidStateRequestException;
import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateException;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOperation;
import io.capaee.api.state.StateOptions;
import io.capaee.api.state.StateOptions.Concurrency;
import io.capaee.api.state.StateStoreFullException;
import io.capaee.connector.CapaResourceAdapter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.JedisPooled;

/**
 * The state store contract, run on the memory backend and on the real Redis (127.0.0.1:6379),
 * PostgreSQL (127.0.0.1:5432) and MariaDB (127.0.0.1:3306) through the connection factory, with
 * this test standing in for the container. Each run uses its own application id and its own SQL
 * table, so its keys are its own; the Redis keys and the tables are deleted afterwards.
 */
class StateStoreContractTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String appId = "capa-test-" + UUID.randomUUID();
    private final SqlTestDatabases databases = new SqlTestDatabases();

    static List<String> backends() {
        return List.of("memory", "redis", "postgresql", "mariadb");
    }
    private StateManagedConnectionFactory mcf;
    private StateConnection state;

    @BeforeEach
    void startAdapter() throws Exception {
        adapter.start(null);
    }

    private StateConnection open(String backend, String app) throws Exception {
        return factory(backend, app).getConnection();
    }

    private StateConnectionFactory factory(String backend, String app) throws Exception {
        StateManagedConnectionFactory f = new StateManagedConnectionFactory();
        f.setBackend(backend);
        f.setAppId(app);
        f.setResourceAdapter(adapter);
        databases.configure(f);
        if (mcf == null) {
            mcf = f;
        }
        return (StateConnectionFactory) f.createConnectionFactory();
    }

    @AfterEach
    void cleanUp() {
        if (state != null) {
            state.close();
        }
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : admin.keys(appId + "*")) {
                admin.del(key);
            }
        }
        databases.dropTables();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aSavedValueIsReadBackWithAnEtagThatChangesOnEveryWrite(String backend) throws Exception {
        state = open(backend, appId);
        state.save(StateItem.of("order-1", "{\"qty\":1}"));
        StateEntry first = state.get("order-1").orElseThrow();
        assertEquals("{\"qty\":1}", first.value());
        state.save(StateItem.of("order-1", "{\"qty\":2}"));
        StateEntry second = state.get("order-1").orElseThrow();
        assertEquals("{\"qty\":2}", second.value());
        assertNotEquals(first.etag(), second.etag());
        assertEquals(Optional.empty(), state.get("missing"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aWriteWithAStaleEtagIsRefusedAndChangesNothing(String backend) throws Exception {
        state = open(backend, appId);
        state.save(StateItem.of("k", "1"));
        String etag = state.get("k").orElseThrow().etag();
        state.save(new StateItem("k", "2", etag, Map.of(), null));
        assertThrows(EtagMismatchException.class, () -> state.save(new StateItem("k", "3", etag, Map.of(), null)));
        assertThrows(EtagMismatchException.class, () -> state.delete("k", etag, StateOptions.DEFAULT));
        assertEquals("2", state.get("k").orElseThrow().value());
        // last-write ignores the ETag, as Dapr's stores do
        state.save(new StateItem("k", "4", etag, Map.of(), new StateOptions(Concurrency.LAST_WRITE, null)));
        assertEquals("4", state.get("k").orElseThrow().value());
        assertThrows(InvalidEtagException.class, () -> state.delete("k", "not-a-version", StateOptions.DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void firstWriteWithoutAnEtagOnlyCreates(String backend) throws Exception {
        StateOptions firstWrite = new StateOptions(Concurrency.FIRST_WRITE, null);
        state = open(backend, appId);
        state.save(new StateItem("once", "\"a\"", null, Map.of(), firstWrite));
        assertThrows(EtagMismatchException.class, () -> state.save(new StateItem("once", "\"b\"", null, Map.of(), firstWrite)));
        assertEquals("\"a\"", state.get("once").orElseThrow().value());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aKeyTheHttpApiCouldNotNameIsRefusedAndNothingOfTheRequestIsWritten(String backend) throws Exception {
        state = open(backend, appId);
        InvalidStateRequestException e = assertThrows(InvalidStateRequestException.class,
                () -> state.save(List.of(StateItem.of("fine", "1"), StateItem.of("a/b", "2"))));
        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
        for (String bad : List.of("a\\b", ".", "..", "a\u0000b")) {
            assertThrows(InvalidStateRequestException.class, () -> state.transact(List.of(
                    StateOperation.upsert(StateItem.of("fine", "1")), StateOperation.upsert(StateItem.of(bad, "2")))), bad);
        }
        assertEquals(Map.of(), values(state.getBulk(List.of("fine", "a/b", "a\\b", ".", ".."))));
        // deletes take any key, so that a value stored before the rule can still go
        state.delete("a/b", null, StateOptions.DEFAULT);
        state.transact(List.of(StateOperation.delete(StateItem.of("..", null))));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aTransactionAppliesAllOrNothing(String backend) throws Exception {
        state = open(backend, appId);
        state.save(List.of(StateItem.of("a", "1"), StateItem.of("b", "2")));
        String etagA = state.get("a").orElseThrow().etag();
        state.save(StateItem.of("a", "1.1"));

        assertThrows(EtagMismatchException.class, () -> state.transact(List.of(
                StateOperation.upsert(StateItem.of("c", "3")),
                StateOperation.delete(StateItem.of("b", null)),
                StateOperation.upsert(new StateItem("a", "9", etagA, Map.of(), null)))));
        assertEquals(Map.of("a", "1.1", "b", "2"), values(state.getBulk(List.of("a", "b", "c"))));

        state.transact(List.of(StateOperation.upsert(StateItem.of("c", "3")), StateOperation.delete(StateItem.of("b", null))));
        assertEquals(Map.of("a", "1.1", "c", "3"), values(state.getBulk(List.of("a", "b", "c"))));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anEntryWithATtlDisappears(String backend) throws Exception {
        state = open(backend, appId);
        state.save(new StateItem("short", "1", null, Map.of("ttlInSeconds", "1"), null));
        state.save(new StateItem("long", "1", null, Map.of("ttlInSeconds", "-1"), null));
        assertTrue(state.get("short").isPresent());
        long end = System.nanoTime() + 3_000_000_000L;
        while (state.get("short").isPresent() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(Optional.empty(), state.get("short"));
        assertTrue(state.get("long").isPresent());
        assertThrows(InvalidStateRequestException.class,
                () -> state.save(new StateItem("bad", "1", null, Map.of("ttlInSeconds", "soon"), null)));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keysAreNamespacedPerApplication(String backend) throws Exception {
        state = open(backend, appId);
        state.save(StateItem.of("shared-name", "\"mine\""));
        try (StateConnection other = open(backend, appId + "-other")) {
            assertEquals(Optional.empty(), other.get("shared-name"));
            other.save(StateItem.of("shared-name", "\"theirs\""));
        }
        assertEquals("\"mine\"", state.get("shared-name").orElseThrow().value());
        assertThrows(InvalidStateRequestException.class, () -> state.save(StateItem.of("a||b", "1")));
        if (backend.equals("redis")) {
            try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
                assertEquals("\"mine\"", admin.hget(appId + "||shared-name", "data"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aScanListsThisApplicationsLiveEntriesOnceAndNoOneElses(String backend) throws Exception {
        // app ids whose prefixes a LIKE '_' or a glob '*' would confuse, were they not escaped
        String mine = appId + "_*";
        String likeTrap = appId + "x*";
        String globTrap = appId + "_zz";
        try (StateConnection other = open(backend, likeTrap); StateConnection third = open(backend, globTrap)) {
            other.save(StateItem.of("theirs", "1"));
            third.save(StateItem.of("theirs-too", "1"));
        }
        state = open(backend, mine);
        state.save(List.of(StateItem.of("a", "{\"n\":1}"), StateItem.of("b%_!", "2"), StateItem.of("gone", "3")));
        state.delete("gone", null, StateOptions.DEFAULT);
        if (backend.equals("redis")) {
            try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
                // an actor's state lives under the same app id, one level down: not the application's own key
                admin.hset(mine + "||counter||7||n", Map.of("data", "5", "version", "1"));
            }
        }
        List<StateEntry> seen = new java.util.ArrayList<>();
        state.scan(seen::addAll);
        assertEquals(Map.of("a", "{\"n\":1}", "b%_!", "2"), seen.stream().collect(java.util.stream.Collectors.toMap(StateEntry::key, StateEntry::value)));
        assertEquals(2, seen.size(), "each entry once: " + seen);
        assertEquals(state.get("a").orElseThrow().etag(), seen.stream().filter(e -> e.key().equals("a")).findFirst().orElseThrow().etag());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aClosedHandleRefusesWork(String backend) throws Exception {
        StateConnection closed = open(backend, appId);
        closed.close();
        assertThrows(StateException.class, () -> closed.get("k"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theKeyVersionIsAKeyLikeAnyOtherAndEtagsAreNeverReissued(String backend) throws Exception {
        state = open(backend, appId);
        state.save(StateItem.of("k", "1"));
        long before = Long.parseLong(state.get("k").orElseThrow().etag());
        state.save(StateItem.of("_version", "\"mine\""));
        assertEquals("\"mine\"", state.get("_version").orElseThrow().value());
        state.delete("_version", null, StateOptions.DEFAULT);
        assertEquals(Optional.empty(), state.get("_version"));
        state.save(StateItem.of("k2", "2"));
        assertTrue(Long.parseLong(state.get("k2").orElseThrow().etag()) > before, "the version counter went on");
    }

    @Test
    void aStoreKeepsCountingFromItsFormerVersionKey() throws Exception {
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            admin.set(appId + "||_version", "100");
            state = open("redis", appId);
            state.save(StateItem.of("k", "1"));
            assertEquals("101", state.get("k").orElseThrow().etag());
            assertFalse(admin.exists(appId + "||_version"), "the former counter is gone");
            state.save(StateItem.of("_version", "2"));
            assertEquals("102", state.get("_version").orElseThrow().etag());
        }
    }

    @Test
    void aTransactionMeetingAKeyOfAnotherTypeWritesNothing() throws Exception {
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            admin.set(appId + "||plain", "not a state entry");
            state = open("redis", appId);
            assertThrows(StateException.class, () -> state.transact(List.of(
                    StateOperation.upsert(StateItem.of("a", "1")),
                    StateOperation.upsert(StateItem.of("plain", "2")))));
            assertFalse(admin.exists(appId + "||a"), "nothing applied before the failing key");
            assertEquals("not a state entry", admin.get(appId + "||plain"));
        }
    }

    @Test
    void aFullMemoryStoreRefusesABulkSaveAndATransactionWholeAndKeepsServingReads() throws Exception {
        StateManagedConnectionFactory f = new StateManagedConnectionFactory();
        f.setAppId(appId);
        f.setMaxEntries(2L);
        f.setResourceAdapter(adapter);
        state = ((StateConnectionFactory) f.createConnectionFactory()).getConnection();
        state.save(StateItem.of("a", "1"));
        assertThrows(StateStoreFullException.class, () -> state.save(List.of(StateItem.of("b", "2"), StateItem.of("c", "3"))));
        assertThrows(StateStoreFullException.class, () -> state.transact(List.of(
                StateOperation.upsert(StateItem.of("b", "2")), StateOperation.upsert(StateItem.of("c", "3")))));
        assertEquals(Map.of("a", "1"), values(state.getBulk(List.of("a", "b", "c"))));
        state.save(StateItem.of("b", "2"));
        assertEquals(Map.of("a", "1", "b", "2"), values(state.getBulk(List.of("a", "b", "c"))));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aTtlTooLongToRepresentMeansNoExpiry(String backend) throws Exception {
        state = open(backend, appId);
        state.save(new StateItem("forever", "1", null, Map.of("ttlInSeconds", Long.toString(Long.MAX_VALUE)), null));
        state.save(new StateItem("long", "1", null, Map.of("ttlInSeconds", "4000000000"), null));
        assertTrue(state.get("forever").isPresent());
        assertTrue(state.get("long").isPresent());
        if (backend.equals("redis")) {
            try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
                assertEquals(-1L, admin.ttl(appId + "||forever"));
                assertTrue(admin.ttl(appId + "||long") > 3_999_000_000L);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keysDifferingInCaseOrBeyondAsciiAreDistinct(String backend) throws Exception {
        state = open(backend, appId);
        state.save(List.of(StateItem.of("Order", "1"), StateItem.of("order", "2"), StateItem.of("ordér-\uD83D\uDE00", "3")));
        assertEquals(Map.of("Order", "1", "order", "2", "ordér-\uD83D\uDE00", "3"),
                values(state.getBulk(List.of("Order", "order", "ordér-\uD83D\uDE00", "ORDER"))));
        // the value is kept as the text sent, spacing and key order included
        state.save(StateItem.of("json", "{ \"b\": 1,  \"a\": [ ] }"));
        assertEquals("{ \"b\": 1,  \"a\": [ ] }", state.get("json").orElseThrow().value());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void concurrentReadModifyWritesWithEtagsLoseNoUpdate(String backend) throws Exception {
        StateConnectionFactory shared = factory(backend, appId);
        state = shared.getConnection();
        state.save(StateItem.of("counter", "0"));
        int threads = 4;
        int increments = 10;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (StateConnection mine = shared.getConnection()) {
                        for (int i = 0; i < increments; i++) {
                            while (!increment(mine)) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * increments), state.get("counter").orElseThrow().value());
    }

    /** One read-modify-write of the counter in a transaction guarded by its ETag; false when someone was faster. */
    private static boolean increment(StateConnection c) {
        StateEntry e = c.get("counter").orElseThrow();
        String next = Integer.toString(Integer.parseInt(e.value()) + 1);
        try {
            c.transact(List.of(StateOperation.upsert(new StateItem("counter", next, e.etag(), Map.of(), null))));
            return true;
        } catch (EtagMismatchException lost) {
            return false;
        }
    }

    private static Map<String, String> values(Map<String, StateEntry> entries) {
        return entries.values().stream().collect(java.util.stream.Collectors.toMap(StateEntry::key, StateEntry::value));
    }
}
