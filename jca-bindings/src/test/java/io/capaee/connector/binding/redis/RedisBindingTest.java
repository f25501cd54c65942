// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.RedisBindingFactory;
import io.capaee.connector.StartedAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

/** The redis output binding through the JCA plumbing, on the real Redis (127.0.0.1:6379), under a prefix of its own. */
class RedisBindingTest {
    @RegisterExtension
    final StartedAdapter adapter = new StartedAdapter();
    private final String prefix = adapter.prefix();
    private final JedisPooled admin = new JedisPooled("127.0.0.1", 6379);

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    private OutputBinding open(int port) throws Exception {
        RedisBindingManagedConnectionFactory mcf = adapter.associate(new RedisBindingManagedConnectionFactory());
        mcf.setKeyPrefix(prefix);
        mcf.setPort(port);
        mcf.setTimeoutMillis(500);
        return ((RedisBindingFactory) mcf.createConnectionFactory()).getConnection();
    }

    @Test
    void createGetAndDeleteWorkOnTheKeyUnderThePrefix() throws Exception {
        byte[] value = {0, (byte) 0xff, 'x'};
        try (OutputBinding binding = open(6379)) {
            binding.invoke("create", value, Map.of("key", "k", "ttlInSeconds", "60"));
            assertArrayEquals(value, admin.get((prefix + "k").getBytes(StandardCharsets.UTF_8)), "any bytes, under the prefix");
            assertTrue(admin.ttl(prefix + "k") > 0, "with the TTL asked");
            assertArrayEquals(value, binding.invoke("get", null, Map.of("key", "k")).data());
            assertEquals(Map.of("deleted", "true"), binding.invoke("delete", null, Map.of("key", "k")).metadata());
            assertEquals(Map.of("deleted", "false"), binding.invoke("delete", null, Map.of("key", "k")).metadata());
            assertNull(binding.invoke("get", null, Map.of("key", "k")).data(), "an absent key has no data");
            assertNull(admin.get(prefix + "k"));
        }
    }

    @Test
    void aRedisThatCannotBeReachedIsUnavailableNotAFailure() throws Exception {
        try (OutputBinding binding = open(1)) {
            OutputBindingException e = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("get", null, Map.of("key", "k")));
            assertEquals(OutputBindingException.Reason.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        }
    }

    @Test
    void aCommandRedisRefusesIsAFailureNamingIt() throws Exception {
        admin.hset(prefix + "hash", "f", "v");
        try (OutputBinding binding = open(6379)) {
            OutputBindingException e = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("get", null, Map.of("key", "hash")));
            assertEquals(OutputBindingException.Reason.FAILED, e.reason());
            assertTrue(e.getMessage().contains("GET") && e.getMessage().contains("WRONGTYPE"), e.getMessage());
        }
    }
}
