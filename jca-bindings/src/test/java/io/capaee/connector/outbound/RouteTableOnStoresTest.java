// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.connector.CapaResourceAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/**
 * The shared route table's optimistic writes on the stores it runs on in a server, through the
 * resource adapter's key/value connection factories: the memory backend, and the real Redis
 * (127.0.0.1:6379) with one factory, so one client, per table, as separate servers have. The route
 * key is unique to the test and deleted afterwards.
 */
class RouteTableOnStoresTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String key = "capa-test:routes:" + UUID.randomUUID();

    @BeforeEach
    void startAdapter() throws Exception {
        adapter.start(null);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            admin.del(key);
        }
    }

    private KeyValueConnectionFactory store(String backend) throws Exception {
        KeyValueManagedConnectionFactory f = new KeyValueManagedConnectionFactory();
        f.setBackend(backend);
        f.setResourceAdapter(adapter);
        return (KeyValueConnectionFactory) f.createConnectionFactory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void concurrentWritersOnSeveralTablesLoseNoUpdate(String backend) throws Exception {
        KeyValueConnectionFactory memory = backend.equals("memory") ? store(backend) : null;
        KeyValueRouteTable[] servers = new KeyValueRouteTable[3];
        for (int s = 0; s < servers.length; s++) {
            // a memory store lives in one server: its tables share it; Redis is shared by separate clients
            servers[s] = new KeyValueRouteTable(memory != null ? memory : store(backend), key, Duration.ofMillis(250));
        }
        servers[0].createFunction("f", "default", "http://seed");
        int writers = 8;
        int each = 50;
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
        for (KeyValueRouteTable table : servers) {
            table.refresh();
            Map<String, Map<String, List<String>>> routes = table.snapshot();
            assertEquals(1 + writers * each, routes.get("f").get("default").size());
            assertEquals(1 + writers, routes.get("f").size());
            for (int w = 0; w < writers; w++) {
                assertTrue(routes.containsKey("g" + w), "g" + w);
            }
        }
    }
}
