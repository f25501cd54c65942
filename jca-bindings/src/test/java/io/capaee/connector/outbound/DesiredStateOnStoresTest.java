// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.FileDesiredState;
import io.capaee.api.desired.KeyValueDesiredState;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.connector.CapaResourceAdapter;
import jakarta.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/**
 * The desired-state contract on every store it runs on in a server: files, and the resource
 * adapter's key/value store with the memory backend and the real Redis (127.0.0.1:6379), where a
 * second client plays a second server sharing the state. Keys are unique to the test and deleted.
 */
class DesiredStateOnStoresTest {
    private static final Instant AT = Instant.parse("2026-12-06T14:00:00Z");
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String prefix = "capa-test:desired:" + UUID.randomUUID() + ":";

    @TempDir
    Path dir;

    @BeforeEach
    void startAdapter() throws Exception {
        adapter.start(null);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            admin.keys(prefix + "*").forEach(admin::del);
        }
    }

    /** Two views of one store, as two servers sharing it would have. */
    private DesiredState[] servers(String store) throws Exception {
        return switch (store) {
            case "file" -> new DesiredState[] {new FileDesiredState(dir), new FileDesiredState(dir)};
            case "memory" -> {
                KeyValueConnectionFactory shared = keyValue("memory");
                yield new DesiredState[] {new KeyValueDesiredState(shared, prefix), new KeyValueDesiredState(shared, prefix)};
            }
            default -> new DesiredState[] {new KeyValueDesiredState(keyValue("redis"), prefix), new KeyValueDesiredState(keyValue("redis"), prefix)};
        };
    }

    private KeyValueConnectionFactory keyValue(String backend) throws Exception {
        KeyValueManagedConnectionFactory f = new KeyValueManagedConnectionFactory();
        f.setBackend(backend);
        f.setResourceAdapter(adapter);
        return (KeyValueConnectionFactory) f.createConnectionFactory();
    }

    private static DesiredEntry entry(String kind, String id, String value) {
        return new DesiredEntry(kind, id, Json.createObjectBuilder().add("v", value).build(), AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "memory", "redis"})
    void whatOneServerStoresTheOtherListsByKindSortedById(String store) throws Exception {
        DesiredState[] s = servers(store);
        s[0].put(entry("worker", "b/v1", "1"));
        s[0].put(entry("worker", "a/v1", "1"));
        s[0].put(entry("connector", "orders", "1"));

        DesiredState.Listing workers = s[1].list("worker");

        assertEquals(List.of("a/v1", "b/v1"), workers.entries().stream().map(DesiredEntry::id).toList());
        assertEquals(entry("worker", "a/v1", "1"), workers.entries().get(0));
        assertTrue(workers.unreadable().isEmpty());
        assertEquals(List.of("orders"), s[1].list("connector").entries().stream().map(DesiredEntry::id).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "memory", "redis"})
    void aPutReplacesAndARemoveIsSeenByTheOtherServer(String store) throws Exception {
        DesiredState[] s = servers(store);
        s[0].put(entry("worker", "a", "1"));
        s[1].put(entry("worker", "a", "2"));
        assertEquals("2", s[0].list("worker").entries().get(0).spec().getString("v"));

        assertTrue(s[1].remove("worker", "a"));

        assertTrue(s[0].list("worker").entries().isEmpty());
        assertFalse(s[0].remove("worker", "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "memory", "redis"})
    void anEmptyKindListsNothing(String store) throws Exception {
        DesiredState.Listing listing = servers(store)[0].list("never-written");
        assertTrue(listing.entries().isEmpty());
        assertTrue(listing.unreadable().isEmpty());
    }
}
