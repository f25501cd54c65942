// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.InvalidConfigException;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void eachBadValueIsRejectedNamingItsProperty() {
        assertEquals("host", assertThrows(InvalidConfigException.class,
                () -> new RedisSettings(" ", 6379, "", 0, 1, 1)).property());
        assertEquals("port", assertThrows(InvalidConfigException.class,
                () -> new RedisSettings("h", 0, "", 0, 1, 1)).property());
        assertEquals("port", assertThrows(InvalidConfigException.class,
                () -> new RedisSettings("h", 65536, "", 0, 1, 1)).property());
        assertEquals("database", assertThrows(InvalidConfigException.class,
                () -> new RedisSettings("h", 1, "", -1, 1, 1)).property());
        assertEquals("timeoutMillis", assertThrows(InvalidConfigException.class,
                () -> new RedisSettings("h", 1, "", 0, 0, 1)).property());
        assertEquals("poolSize", assertThrows(InvalidConfigException.class,
                () -> new RedisSettings("h", 1, "", 0, 1, 0)).property());
    }

    @Test
    void aUrlGivesHostPortUserPasswordDatabaseAndTls() {
        RedisSettings s = RedisSettings.fromUrl("url", "rediss://app:s3cret@redis.example:6380/2", 10_000, 8);
        assertEquals(new RedisSettings("redis.example", 6380, "app", "s3cret", 2, true, 10_000, 8), s);
        assertEquals(new RedisSettings("127.0.0.1", 6379, "", "", 0, false, 10_000, 8),
                RedisSettings.fromUrl("url", "redis://127.0.0.1:6379", 10_000, 8));
        assertFalse(s.toString().contains("s3cret"), s.toString());
    }

    @Test
    void aUrlWithoutPortOrOfAnotherSchemeIsRefusedNamingTheProperty() {
        for (String bad : new String[] {"redis://127.0.0.1", "http://127.0.0.1:6379", "redis://:6379", "not a url"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RedisSettings.fromUrl("url", bad, 1, 1));
            assertEquals("url", e.property(), bad);
        }
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        assertFalse(new RedisSettings("h", 1, "s3cret", 0, 1, 1).toString().contains("s3cret"));
    }
}
