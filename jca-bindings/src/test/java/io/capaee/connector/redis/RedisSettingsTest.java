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
    void thePasswordNeverAppearsInToString() {
        assertFalse(new RedisSettings("h", 1, "s3cret", 0, 1, 1).toString().contains("s3cret"));
    }
}
