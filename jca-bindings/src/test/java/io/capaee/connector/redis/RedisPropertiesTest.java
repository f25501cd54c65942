// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.ConfigPropertyDefaults;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.redis.RedisBindingManagedConnectionFactory;
import io.capaee.connector.configuration.ConfigurationManagedConnectionFactory;
import io.capaee.connector.inbound.redis.RedisStreamActivationSpec;
import io.capaee.connector.lock.LockManagedConnectionFactory;
import io.capaee.connector.outbound.KeyValueManagedConnectionFactory;
import io.capaee.connector.pubsub.PubSubManagedConnectionFactory;
import io.capaee.connector.state.StateManagedConnectionFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RedisPropertiesTest {
    private static final Map<String, String> CONNECTION = Map.of("host", "127.0.0.1", "port", "6379", "password", "",
            "database", "0", "timeoutMillis", "2000");

    private static Map<String, String> redisProperties(Object bean) throws ReflectiveOperationException {
        Map<String, String> found = new TreeMap<>(ConfigPropertyDefaults.check(bean));
        found.keySet().retainAll(List.of("host", "port", "password", "database", "timeoutMillis", "poolSize"));
        return found;
    }

    private static Map<String, String> with(String poolSize) {
        Map<String, String> all = new TreeMap<>(CONNECTION);
        all.put("poolSize", poolSize);
        return all;
    }

    @Test
    void everyBeanThatReachesRedisHasTheSameConnectionPropertiesAndDefaults() throws Exception {
        for (Object store : List.of(new KeyValueManagedConnectionFactory(), new StateManagedConnectionFactory(),
                new LockManagedConnectionFactory(), new ConfigurationManagedConnectionFactory(), new PubSubManagedConnectionFactory())) {
            assertEquals(with("16"), redisProperties(store), store.getClass().getSimpleName());
        }
        assertEquals(with("8"), redisProperties(new RedisBindingManagedConnectionFactory()));
        assertEquals(new TreeMap<>(CONNECTION), redisProperties(new RedisStreamActivationSpec()), "a reader has its own fixed pool");
    }

    @Test
    void aMissingNumberIsRefusedNamingItsProperty() {
        for (String property : List.of("port", "database", "timeoutMillis", "poolSize")) {
            RedisProperties p = new RedisProperties(4);
            switch (property) {
                case "port" -> p.setPort(null);
                case "database" -> p.setDatabase(null);
                case "timeoutMillis" -> p.setTimeoutMillis(null);
                default -> p.setPoolSize(null);
            }
            assertEquals(property, assertThrows(InvalidConfigException.class, p::settings).property());
        }
    }

    @Test
    void theSettingsAreWhatWasSetAndThePasswordIsNeverDescribed() {
        RedisProperties p = new RedisProperties(4);
        p.setHost("redis.example");
        p.setPort(6380);
        p.setPassword("s3cret");
        p.setDatabase(3);
        assertEquals(new RedisSettings("redis.example", 6380, "s3cret", 3, 2000, 4), p.settings());
        assertEquals("redis redis.example:6380/3", p.describe());
        assertFalse(p.describe().contains("s3cret"));
    }
}
