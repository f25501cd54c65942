// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.InvalidValueException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseLimitsTest {

    private static DatabaseLimits of(String name, Map<String, String> settings) {
        return DatabaseLimits.of(name, key -> Optional.ofNullable(settings.get(key)));
    }

    @Test
    void nothingSetMeansTheDefaults() {
        assertEquals(DatabaseLimits.DEFAULTS, of("orders", Map.of()));
    }

    @Test
    void aDatabasesOwnSettingWinsOverTheServerWideOne() {
        DatabaseLimits limits = of("orders", Map.of(
                "capa.database.timeout-seconds", "5", "capa.database.max-rows", "200",
                "capa.database.orders.max-rows", "20", "capa.database.other.timeout-seconds", "99",
                "capa.database.orders.max-statements", " "));
        assertEquals(new DatabaseLimits(5, 20, DatabaseLimits.DEFAULT_MAX_STATEMENTS), limits);
    }

    @Test
    void aValueThatIsNotALimitNamesItsSetting() {
        for (String bad : new String[] {"0", "-1", "ten", "1.5"}) {
            InvalidValueException e = assertThrows(InvalidValueException.class,
                    () -> of("orders", Map.of("capa.database.orders.timeout-seconds", bad)));
            assertEquals("capa.database.orders.timeout-seconds", e.field());
            assertTrue(e.problem().contains(bad), e.getMessage());
        }
    }
}
