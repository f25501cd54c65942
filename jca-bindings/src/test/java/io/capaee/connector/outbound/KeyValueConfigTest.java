// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.ConfigPropertyDefaults;
import io.capaee.connector.memory.MemoryKeyValueStore;
import io.capaee.connector.redis.RedisKeyValueStore;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

class KeyValueConfigTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final KeyValueManagedConnectionFactory mcf = new KeyValueManagedConnectionFactory();

    @BeforeEach
    void startAdapter() throws ResourceException {
        adapter.start(null);
        mcf.setResourceAdapter(adapter);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    @Test
    void theFieldDefaultsAreTheAnnotatedDefaults() throws Exception {
        assertEquals(java.util.Set.of("backend", "host", "port", "password", "database", "timeoutMillis", "poolSize"),
                ConfigPropertyDefaults.check(new KeyValueManagedConnectionFactory()).keySet());
    }

    @Test
    void theDefaultConfigGivesAWorkingMemoryStore() throws ResourceException {
        KeyValueConnectionFactory cf = (KeyValueConnectionFactory) mcf.createConnectionFactory();
        try (KeyValueConnection c = cf.getConnection()) {
            c.set("a", "1");
            assertEquals(Optional.of("1"), c.get("a"));
        }
    }

    @Test
    void anUnknownBackendFailsWhenTheFactoryIsCreatedNamingTheProperty() {
        mcf.setBackend("cassandra");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, mcf::createConnectionFactory);
        assertTrue(e.getMessage().contains("'backend'") && e.getMessage().contains("cassandra"), e.getMessage());
    }

    @Test
    void aPortOutsideTcpRangeFailsNamingThePort() {
        mcf.setPort(70_000);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, mcf::createConnectionFactory);
        assertTrue(e.getMessage().contains("'port'"), e.getMessage());
        mcf.setPort(0);
        assertThrows(InvalidPropertyException.class, () -> mcf.createManagedConnection(null, null));
    }

    @Test
    void otherBadNumbersFailNamingTheirProperty() {
        mcf.setPoolSize(0);
        assertTrue(assertThrows(InvalidPropertyException.class, mcf::createConnectionFactory)
                .getMessage().contains("'poolSize'"));
        mcf.setPoolSize(1);
        mcf.setTimeoutMillis(null);
        assertTrue(assertThrows(InvalidPropertyException.class, mcf::createConnectionFactory)
                .getMessage().contains("'timeoutMillis'"));
    }

    @Test
    void theBackendNameIgnoresCaseAndBlanks() throws ResourceException {
        mcf.setBackend(" Memory ");
        KeyValueConnectionFactory cf = (KeyValueConnectionFactory) mcf.createConnectionFactory();
        try (KeyValueConnection c = cf.getConnection()) {
            c.set("k", "v");
            assertEquals(Optional.of("v"), c.get("k"));
        }
        assertTrue(mcf.store() instanceof MemoryKeyValueStore, mcf.store().getClass().getName());
        assertEquals("memory", mcf.describe(), "every reading of the name agrees");

        KeyValueManagedConnectionFactory redis = new KeyValueManagedConnectionFactory();
        redis.setResourceAdapter(adapter);
        redis.setBackend("\tREDIS ");
        redis.createConnectionFactory();
        assertTrue(redis.store() instanceof RedisKeyValueStore, redis.store().getClass().getName());
        assertEquals("redis 127.0.0.1:6379/0", redis.describe(), "every reading of the name agrees");
    }

    @Test
    void aFactoryWithoutResourceAdapterCannotOpenRedis() throws ResourceException {
        KeyValueManagedConnectionFactory lonely = new KeyValueManagedConnectionFactory();
        lonely.setBackend("redis");
        KeyValueConnectionFactory cf = (KeyValueConnectionFactory) lonely.createConnectionFactory();
        KeyValueException e = assertThrows(KeyValueException.class, cf::getConnection);
        assertTrue(e.getMessage().contains("not associated with a resource adapter"), e.getMessage());
    }

    @Test
    void theRedisBackendWorksEndToEndAndStoppingTheAdapterClosesItsClient() throws ResourceException {
        String key = "capa-test:" + UUID.randomUUID() + ":k";
        mcf.setBackend("redis");
        KeyValueConnectionFactory cf = (KeyValueConnectionFactory) mcf.createConnectionFactory();
        try (KeyValueConnection c = cf.getConnection(); JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            try {
                c.set(key, "via the resource adapter");
                assertEquals("via the resource adapter", admin.get(key));
                assertEquals(java.util.List.of(key), c.keys(key));

                adapter.stop();

                KeyValueException e = assertThrows(KeyValueException.class, () -> c.get(key));
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
            } finally {
                admin.del(key);
            }
        }
    }

    @Test
    void aRedisThatIsDownFailsTheCallNotTheDeployment() throws ResourceException {
        mcf.setBackend("redis");
        mcf.setPort(1);
        mcf.setTimeoutMillis(500);
        KeyValueConnectionFactory cf = (KeyValueConnectionFactory) mcf.createConnectionFactory();
        try (KeyValueConnection c = cf.getConnection()) {
            KeyValueException e = assertThrows(KeyValueException.class, () -> c.get("k"));
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        }
    }
}
