// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.api.configuration.ConfigurationTooLargeException;
import jakarta.resource.ResourceException;
import java.util.stream.IntStream;
import io.capaee.connector.CapaResourceAdapter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Against the real Redis; every key carries a prefix unique to the test. */
class RedisConfigurationStoreTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String prefix = "capa-test-config-" + UUID.randomUUID() + ":";
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final JedisPooled admin = new JedisPooled("127.0.0.1", 6379);
    private ConfigurationConnection config;

    @BeforeEach
    void open() throws Exception {
        adapter.start(null);
        config = connect(prefix, 5);
    }

    private ConfigurationConnection connect(String keyPrefix, int maxItems) throws ResourceException {
        ConfigurationManagedConnectionFactory f = new ConfigurationManagedConnectionFactory();
        f.setBackend("redis");
        f.setKeyPrefix(keyPrefix);
        f.setMaxItems(maxItems);
        f.setResourceAdapter(adapter);
        return ((ConfigurationConnectionFactory) f.createConnectionFactory()).getConnection();
    }

    @AfterEach
    void close() {
        config.close();
        adapter.stop();
        executor.shutdownNow();
        for (String key : admin.keys(prefix + "*")) {
            admin.del(key);
        }
        admin.close();
    }

    @Test
    void itemsAreReadInDaprsValueAndVersionFormat() {
        admin.set(prefix + "greeting", "hello||3");
        admin.set(prefix + "plain", "no version");
        assertEquals(Map.of("greeting", new ConfigurationItem("hello", "3", Map.of())), config.get(List.of("greeting", "missing")));
        assertEquals(Map.of("greeting", new ConfigurationItem("hello", "3", Map.of()), "plain", new ConfigurationItem("no version", "", Map.of())),
                config.get(List.of()));
    }

    @Test
    void anEmptyKeyPrefixIsRefusedAtStartNamingTheSetting() {
        for (String empty : new String[] {"", " ", null}) {
            ResourceException e = assertThrows(ResourceException.class, () -> connect(empty, 5));
            assertTrue(e.getMessage().contains("keyPrefix") && e.getMessage().contains("capa.configuration.key-prefix"),
                    e.getMessage());
        }
        assertEquals("capa:config:", new ConfigurationManagedConnectionFactory().getKeyPrefix());
    }

    @Test
    void aKeyPrefixWithGlobCharactersIsRefused() {
        ResourceException e = assertThrows(ResourceException.class, () -> connect("capa:*", 5));
        assertTrue(e.getMessage().contains("keyPrefix"), e.getMessage());
    }

    @Test
    void aListingSeesOnlyKeysUnderThePrefix() {
        String outside = "capa-test-outside-" + UUID.randomUUID();
        admin.set(outside, "secret");
        try {
            admin.set(prefix + "inside", "v");
            assertEquals(Map.of("inside", new ConfigurationItem("v", "", Map.of())), config.get(List.of()));
        } finally {
            admin.del(outside);
        }
    }

    @Test
    void aListingOfMoreItemsThanTheBoundIsRefusedNotCutShort() {
        IntStream.range(0, 6).forEach(i -> admin.set(prefix + "k" + i, "v"));
        ConfigurationTooLargeException e = assertThrows(ConfigurationTooLargeException.class, () -> config.get(List.of()));
        assertTrue(e.getMessage().contains("capa.configuration.max-items"), e.getMessage());
        admin.del(prefix + "k5");
        assertEquals(5, config.get(List.of()).size());
    }

    @Test
    void namingMoreKeysThanTheBoundIsRefusedForGetAndSubscribe() {
        List<String> six = IntStream.range(0, 6).mapToObj(i -> "k" + i).toList();
        assertThrows(ConfigurationTooLargeException.class, () -> config.get(six));
        assertThrows(ConfigurationTooLargeException.class, () -> config.subscribe(six, changes -> { }, executor));
    }

    @Test
    void aSubscriberSeesASetAndADeleteWithinASecond() throws Exception {
        LinkedBlockingQueue<Map<String, ConfigurationItem>> changes = new LinkedBlockingQueue<>();
        try (ConfigurationSubscription subscription = config.subscribe(List.of("flag"), changes::add, executor)) {
            admin.set(prefix + "other", "ignored");
            admin.set(prefix + "flag", "on||1");
            assertEquals(Map.of("flag", new ConfigurationItem("on", "1", Map.of())), changes.poll(1, TimeUnit.SECONDS));
            admin.del(prefix + "flag");
            assertEquals(Map.of("flag", ConfigurationItem.deleted()), changes.poll(1, TimeUnit.SECONDS));
            assertNotNull(subscription.id());
        }
        admin.set(prefix + "flag", "after close");
        assertNull(changes.poll(300, TimeUnit.MILLISECONDS));
    }
}
