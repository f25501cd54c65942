// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.routes.KeyValueRouteTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class WorkerRoutesTest {
    private static final String HERE = "http://localhost:9141/wasm/functions";
    private static final String THERE = "http://localhost:9142/wasm/functions";

    /** One map as the shared store, as the memory backend keeps it. */
    static final class MapStore implements KeyValueConnectionFactory {
        final Map<String, String> data = new ConcurrentHashMap<>();

        @Override
        public KeyValueConnection getConnection() {
            return new KeyValueConnection() {
                @Override
                public Optional<String> get(String key) {
                    return Optional.ofNullable(data.get(key));
                }

                @Override
                public void set(String key, String value) {
                    data.put(key, value);
                }

                @Override
                public boolean delete(String key) {
                    return data.remove(key) != null;
                }

                @Override
                public boolean compareAndSet(String key, String expected, String value) {
                    return expected == null ? data.putIfAbsent(key, value) == null : data.replace(key, expected, value);
                }

                @Override
                public List<String> keys(String pattern) {
                    // exact keys, or a prefix and '*' (what the heartbeats list)
                    return data.keySet().stream().filter(k -> pattern.endsWith("*")
                            ? k.startsWith(pattern.substring(0, pattern.length() - 1)) : Objects.equals(k, pattern)).toList();
                }

                @Override
                public void close() {}
            };
        }
    }

    private final MapStore store = new MapStore();
    private final KeyValueRouteTable table = new KeyValueRouteTable(store, "routes", Duration.ZERO);
    private final WorkerRoutes here = new WorkerRoutes(table, HERE);
    private final WorkerRoutes there = new WorkerRoutes(new KeyValueRouteTable(store, "routes", Duration.ZERO), THERE + "/");

    @Test
    void twoServersRouteOneRevisionAndItsDefaultToBothWithoutLosingTheOthersUrl() {
        here.add("accg", "v1");
        there.add("accg", "v1");
        here.setDefault("accg", "v1");
        there.setDefault("accg", "v1");
        here.setDefault("accg", "v2"); // moved here only, so far

        assertEquals(Map.of("accg", Map.of("v1", List.of(HERE + "/accg/v1", THERE + "/accg/v1"),
                "default", List.of(THERE + "/accg/v1", HERE + "/accg/v2"))), table.snapshot());

        there.remove("accg", "v1");
        there.removeDefault("accg");
        here.remove("accg", "v1");
        assertEquals(Map.of("accg", Map.of("default", List.of(HERE + "/accg/v2"))), table.snapshot());
    }

    @Test
    void addingARouteTwiceAddsItOnce() {
        assertEquals(true, here.add("accg", "v1"));
        assertEquals(false, here.add("accg", "v1"));
        assertEquals(Optional.of(List.of(HERE + "/accg/v1")), table.urls("accg", "v1"));
    }

    @Test
    void onlyThisServersWorkerUrlsOfRevisionsThatDoNotRunHereAreStale() {
        Map<String, Map<String, List<String>>> routes = Map.of(
                "accg", Map.of(
                        "v1", List.of(HERE + "/accg/v1", THERE + "/accg/v1"), // runs here: kept
                        "v2", List.of(HERE + "/accg/v2"), // killed before it was stored: stale
                        "default", List.of(HERE + "/accg/v2", THERE + "/accg/v2")), // default here is v1: stale
                "registered", Map.of(
                        "blue", List.of(HERE + "/accg/v1", "http://upstream:8080"), // registration API, another shape: untouched
                        "default", List.of("http://upstream:8080")),
                "other", Map.of("default", List.of(HERE + "/other/v1"))); // no default here: stale
        Set<String> running = Set.of("accg/v1");

        List<WorkerRoutes.Url> stale = WorkerRoutes.stale(routes, HERE, (f, r) -> running.contains(f + "/" + r),
                f -> f.equals("accg") ? Optional.of("v1") : Optional.empty());

        assertEquals(Set.of(new WorkerRoutes.Url("accg", "v2", HERE + "/accg/v2"), new WorkerRoutes.Url("accg", "default", HERE + "/accg/v2"),
                new WorkerRoutes.Url("other", "default", HERE + "/other/v1")), Set.copyOf(stale));
    }

    @Test
    void removingStaleUrlsKeepsTheOtherServersAndDropsWhatIsLeftEmpty() {
        here.add("accg", "v1");
        here.add("accg", "v2");
        there.add("accg", "v2");
        here.setDefault("accg", "v2");

        here.removeStale((f, r) -> r.equals("v1"), f -> Optional.of("v1"));

        assertEquals(Map.of("accg", Map.of("v1", List.of(HERE + "/accg/v1"), "v2", List.of(THERE + "/accg/v2"))), table.snapshot());
    }
}
