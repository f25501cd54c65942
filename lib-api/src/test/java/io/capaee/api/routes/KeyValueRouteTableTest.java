// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyValueRouteTableTest {
    private final InMemoryKeyValue store = new InMemoryKeyValue();
    private final AtomicLong clock = new AtomicLong();
    private final KeyValueRouteTable table = new KeyValueRouteTable(store, "routes", Duration.ofMillis(250), clock::get);

    private static void assertReason(RouteException.Reason reason, String message, Runnable call) {
        RouteException e = assertThrows(RouteException.class, call::run);
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void anEmptyStoreHasNoRoutes() {
        assertEquals(Map.of(), table.snapshot());
        assertEquals(Optional.empty(), table.urls("hello", "default"));
    }

    @Test
    void registrationFollowsCapsulesRulesAndErrors() {
        table.createFunction("hello", "default", "http://a");
        assertReason(RouteException.Reason.FUNCTION_EXISTS, "hello already exists", () -> table.createFunction("hello", "v2", "http://b"));
        table.addRevision("hello", "blue", "http://b");
        assertReason(RouteException.Reason.REVISION_EXISTS, "blue already exists", () -> table.addRevision("hello", "blue", "http://c"));
        assertReason(RouteException.Reason.FUNCTION_NOT_FOUND, "nope does not exist", () -> table.addRevision("nope", "blue", "http://c"));
        table.addUrl("hello", "default", "http://c");
        table.addUrl("hello", "default", "http://a");
        assertEquals(List.of("http://a", "http://c", "http://a"), table.urls("hello", "default").orElseThrow());
        table.removeUrl("hello", "default", "http://a");
        assertEquals(List.of("http://c", "http://a"), table.urls("hello", "default").orElseThrow());
        table.removeUrl("hello", "default", "http://not-there");
        table.removeUrl("hello", "default", "http://c");
        table.removeUrl("hello", "default", "http://a");
        assertEquals(List.of(), table.urls("hello", "default").orElseThrow(), "an emptied list keeps the revision");
        assertReason(RouteException.Reason.REVISION_NOT_FOUND, "green does not exist", () -> table.addUrl("hello", "green", "http://x"));
        assertReason(RouteException.Reason.REVISION_NOT_FOUND, "green does not exist", () -> table.removeRevision("hello", "green"));
        assertReason(RouteException.Reason.FUNCTION_NOT_FOUND, "nope does not exist", () -> table.removeUrl("nope", "default", "http://x"));
        table.removeRevision("hello", "blue");
        table.removeFunction("hello");
        assertReason(RouteException.Reason.FUNCTION_NOT_FOUND, "hello does not exist", () -> table.removeFunction("hello"));
        assertEquals(Map.of(), table.snapshot());
    }

    @Test
    void theDocumentIsCompactSortedJson() {
        table.createFunction("hola", "orange", "http://o");
        table.addRevision("hola", "default", "http://d");
        table.createFunction("hello", "default", "http://h");
        assertEquals("{\"hello\":{\"default\":[\"http://h\"]},\"hola\":{\"default\":[\"http://d\"],\"orange\":[\"http://o\"]}}",
                store.data.get("routes"));
    }

    @Test
    void putRevisionCreatesOrReplaces() {
        table.putRevision("w", "default", List.of("http://1", "http://2"));
        table.putRevision("w", "default", List.of("http://3"));
        assertEquals(Map.of("w", Map.of("default", List.of("http://3"))), table.snapshot());
    }

    @Test
    void updateRevisionChangesOneListAtomicallyAndRemovesWhatItEmpties() {
        table.createFunction("w", "blue", "http://registered");
        KeyValueRouteTable otherServer = new KeyValueRouteTable(store, "routes", Duration.ofMillis(250), clock::get);

        table.updateRevision("w", "v1", urls -> append(urls, "http://a/w/v1"));
        otherServer.updateRevision("w", "v1", urls -> append(urls, "http://b/w/v1"));
        table.refresh();
        assertEquals(List.of("http://a/w/v1", "http://b/w/v1"), table.urls("w", "v1").orElseThrow(), "neither server lost the other's URL");

        table.updateRevision("w", "v1", urls -> urls.stream().filter(u -> !u.startsWith("http://a/")).toList());
        otherServer.updateRevision("w", "v1", urls -> List.of());
        table.refresh();
        assertEquals(Map.of("w", Map.of("blue", List.of("http://registered"))), table.snapshot(), "the emptied revision is gone, the function stays");
        table.updateRevision("w", "blue", urls -> List.of());
        assertEquals(Map.of(), table.snapshot(), "a function without revisions is gone");
        table.updateRevision("nope", "v1", urls -> List.of());
        assertEquals(Map.of(), table.snapshot());
    }

    private static List<String> append(List<String> urls, String url) {
        List<String> out = new ArrayList<>(urls);
        out.add(url);
        return out;
    }

    @Test
    void readsComeFromTheLocalCopyUntilTheRefreshIntervalHasPassed() {
        KeyValueRouteTable other = new KeyValueRouteTable(store, "routes", Duration.ofMillis(250), clock::get);
        assertEquals(Map.of(), other.snapshot());
        table.createFunction("hello", "default", "http://a");
        int reads = store.reads.get();
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.empty(), other.urls("hello", "default"));
        }
        assertEquals(reads, store.reads.get(), "no store round-trip on the hot path");
        clock.addAndGet(Duration.ofMillis(251).toNanos());
        assertEquals(Optional.of(List.of("http://a")), other.urls("hello", "default"));
    }

    @Test
    void aMissReReadsTheStoreAtMostOnceAMillisecond() {
        KeyValueRouteTable other = new KeyValueRouteTable(store, "routes", Duration.ofMillis(250), clock::get);
        assertEquals(Map.of(), other.snapshot());
        table.createFunction("hello", "default", "http://a");
        int reads = store.reads.get();
        assertEquals(Map.of(), other.snapshotAfterMiss(), "the copy was read this very moment");
        assertEquals(reads, store.reads.get());
        clock.addAndGet(Duration.ofMillis(2).toNanos());
        assertEquals(Map.of("hello", Map.of("default", List.of("http://a"))), other.snapshotAfterMiss());
        assertEquals(reads + 1, store.reads.get());
        for (int i = 0; i < 100; i++) {
            other.snapshotAfterMiss();
        }
        assertEquals(reads + 1, store.reads.get(), "misses within the same millisecond share one read");
    }

    @Test
    void withWriteStampsAMissReadsTheStoreOnlyAfterAWriteInThisProcess() {
        store.stamped = true;
        KeyValueRouteTable other = new KeyValueRouteTable(store, "routes", Duration.ofMillis(250), clock::get);
        table.createFunction("hello", "default", "http://a");
        assertEquals(Map.of("hello", Map.of("default", List.of("http://a"))), other.snapshot());
        int reads = store.reads.get();
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(Duration.ofMillis(2).toNanos());
            other.snapshotAfterMiss();
            other.urls("hello", "v2");
        }
        assertEquals(reads, store.reads.get(), "nothing was written: no miss reads the store");
        table.addRevision("hello", "v2", "http://b");
        reads = store.reads.get();
        clock.addAndGet(Duration.ofMillis(2).toNanos());
        assertEquals(Optional.of(List.of("http://b")), other.urls("hello", "v2"), "a revision added by another table is seen at once");
        assertEquals(reads + 1, store.reads.get());
        store.data.put("routes", "{\"hello\":{\"default\":[\"http://c\"]}}"); // another server: not stamped
        clock.addAndGet(Duration.ofMillis(2).toNanos());
        assertEquals(Optional.of(List.of("http://a")), other.urls("hello", "default"), "seen at the next refresh only");
        clock.addAndGet(Duration.ofMillis(250).toNanos());
        assertEquals(Optional.of(List.of("http://c")), other.urls("hello", "default"));
    }

    @Test
    void withWriteStampsARouteRemovedByAnotherTableIsGoneAtOnce() {
        store.stamped = true;
        KeyValueRouteTable proxy = new KeyValueRouteTable(store, "routes", Duration.ofMillis(250), clock::get);
        table.createFunction("hello", "default", "http://a");
        table.addRevision("hello", "v1", "http://b");
        assertEquals(Optional.of(List.of("http://b")), proxy.urls("hello", "v1"));
        int reads = store.reads.get();
        for (int i = 0; i < 100; i++) {
            proxy.urls("hello", "v1");
        }
        assertEquals(reads, store.reads.get(), "no write: hits come from the copy");
        table.removeRevision("hello", "v1"); // the worker of this server, within the refresh interval
        assertEquals(Optional.empty(), proxy.urls("hello", "v1"), "not served from the copy any more");
    }

    @Test
    void aWriterSeesItsOwnChangeAtOnce() {
        table.snapshot();
        table.createFunction("hello", "default", "http://a");
        assertEquals(Optional.of(List.of("http://a")), table.urls("hello", "default"));
    }

    @Test
    void anUnreachableStoreKeepsReadsOnTheLastCopyAndFailsWrites() {
        table.createFunction("hello", "default", "http://a");
        store.down = true;
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(Optional.of(List.of("http://a")), table.urls("hello", "default"));
        assertReason(RouteException.Reason.STORE, "route store unreachable: connection refused", () -> table.addUrl("hello", "default", "http://b"));
        store.down = false;
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        table.addUrl("hello", "default", "http://b");
        assertEquals(Optional.of(List.of("http://a", "http://b")), table.urls("hello", "default"));
    }

    @Test
    void aCorruptDocumentIsAStoreError() {
        store.data.put("routes", "{\"hello\":[1]}");
        RouteException e = assertThrows(RouteException.class, table::snapshot);
        assertEquals(RouteException.Reason.STORE, e.reason());
        assertTrue(e.getMessage().startsWith("the route document at key routes is not"), e.getMessage());
    }

    @Test
    void concurrentWritersOnSeveralTablesLoseNoUpdate() throws Exception {
        KeyValueRouteTable[] servers = {table, new KeyValueRouteTable(store, "routes", Duration.ofMillis(250)),
                new KeyValueRouteTable(store, "routes", Duration.ofMillis(250))};
        table.createFunction("f", "default", "http://seed");
        int writers = 8;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    KeyValueRouteTable t = servers[id % servers.length];
                    t.addRevision("f", "r" + id, "http://" + id);
                    for (int i = 0; i < each; i++) {
                        t.addUrl("f", "default", "http://" + id + "/" + i);
                    }
                    t.createFunction("g" + id, "default", "http://g");
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        table.refresh();
        Map<String, Map<String, List<String>>> routes = table.snapshot();
        assertEquals(1 + writers * each, routes.get("f").get("default").size());
        assertEquals(1 + writers, routes.get("f").size());
        for (int w = 0; w < writers; w++) {
            assertTrue(routes.containsKey("g" + w));
        }
    }
}
