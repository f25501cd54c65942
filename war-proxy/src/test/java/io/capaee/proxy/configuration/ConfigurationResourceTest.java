// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationStore;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.proxy.dapr.DaprException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ConfigurationResourceTest {
    /** A store answering every item it holds, or failing the way a Redis store does. */
    private static final class FakeStore implements ConfigurationStore {
        final Map<String, ConfigurationItem> items = new TreeMap<>();
        boolean fail;

        @Override
        public Map<String, ConfigurationItem> get(List<String> keys) {
            if (fail) {
                throw new ConfigurationException("redis at 10.1.2.3:6379 failed GET: READONLY");
            }
            return Map.copyOf(items);
        }

        @Override
        public ConfigurationSubscription subscribe(List<String> keys, ConfigurationListener listener, Executor executor) {
            throw new AssertionError("not reached");
        }

        @Override
        public String type() {
            return "configuration.fake";
        }
    }

    private final FakeStore store = new FakeStore();
    private final ConfigurationApi api = new ConfigurationApi();
    private final ConfigurationResource resource = new ConfigurationResource();

    ConfigurationResourceTest() {
        api.stores = new ConfigurationStores() {
            @Override
            public Optional<ConfigurationStore> find(String name) {
                return name.equals("configstore") ? Optional.of(store) : Optional.empty();
            }
        };
        api.maxItems = 2;
        resource.api = api;
        resource.subscriptions = new ConfigurationSubscriptions();
        resource.appUrl = Optional.of("http://localhost:3000");
    }

    @Test
    void anAnswerOfMoreItemsThanTheBoundIsRefusedNamingTheSetting() {
        store.items.put("a", new ConfigurationItem("1", "", Map.of()));
        store.items.put("b", new ConfigurationItem("2", "", Map.of()));
        assertEquals(2, api.items("configstore", List.of()).size());
        store.items.put("c", new ConfigurationItem("3", "", Map.of()));
        DaprException e = assertThrows(DaprException.class, () -> api.items("configstore", List.of()));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("capa.configuration.max-items"), e.getMessage());
    }

    @Test
    void namingMoreKeysThanTheBoundIsRefusedBeforeTheStoreIsAsked() {
        store.fail = true; // asking the store would fail differently
        DaprException get = assertThrows(DaprException.class, () -> api.items("configstore", List.of("a", "b", "c")));
        assertEquals(400, get.status());
        DaprException subscribe = assertThrows(DaprException.class,
                () -> resource.subscribe("configstore", List.of("a", "b", "c")));
        assertEquals(400, subscribe.status());
    }

    @Test
    void aFailingStoreIsNamedButItsAddressStaysInTheLog() {
        store.fail = true;
        DaprException e = assertThrows(DaprException.class, () -> api.items("configstore", List.of("a")));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("configstore"), e.getMessage());
        assertFalse(e.getMessage().contains("10.1.2.3"), e.getMessage());
    }
}
