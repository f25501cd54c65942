// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentInfoTest {
    @Test
    void everyStoreIsListedInTheMapsOrderWithTheTypeItReports() {
        Map<String, StringBuilder> stores = new LinkedHashMap<>();
        stores.put("zeta", new StringBuilder("secretstores.local.env"));
        stores.put("alpha", new StringBuilder("secretstores.local.file"));
        assertEquals(List.of(new ComponentInfo("zeta", "secretstores.local.env", "v1", List.of()),
                        new ComponentInfo("alpha", "secretstores.local.file", "v1", List.of())),
                ComponentInfo.all(stores, StringBuilder::toString));
    }

    @Test
    void aStoreDescribedAsRedisOrASqlDatabaseIsThatKindAndAnyOtherTheInMemoryOne() {
        assertEquals("state.redis", ComponentInfo.backendType("state", "redis 127.0.0.1:6379"));
        assertEquals("lock.in-memory", ComponentInfo.backendType("lock", "in-memory (3 locks)"));
        assertEquals("state.postgresql", ComponentInfo.backendType("state", "postgresql jdbc/capa/pg table orders"));
        assertEquals("state.mysql", ComponentInfo.backendType("state", "mariadb jdbc/capa/maria table orders"));
        assertEquals("lock.in-memory", ComponentInfo.backendType("lock", "memory, not redis"));
    }
}
