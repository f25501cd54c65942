// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.InvalidConfigException;
import org.junit.jupiter.api.Test;

/** Broker URLs, timeouts and qualities of service are checked, naming the property; the password is never shown. */
class MqttSettingsTest {

    @Test
    void severalBrokersAreAcceptedInOrder() {
        MqttSettings settings = new MqttSettings("tcp://a:1883, ssl://b:8883", null, null, 1000);
        assertArrayEquals(new String[] {"tcp://a:1883", "ssl://b:8883"}, settings.servers());
        assertEquals("", settings.username());
    }

    @Test
    void badValuesNameTheirProperty() {
        assertEquals("url", assertThrows(InvalidConfigException.class,
                () -> new MqttSettings("broker:1883", "", "", 1000)).property());
        assertEquals("url", assertThrows(InvalidConfigException.class, () -> new MqttSettings(" ", "", "", 1000)).property());
        assertEquals("timeoutMillis", assertThrows(InvalidConfigException.class,
                () -> new MqttSettings("tcp://a:1883", "", "", 0)).property());
        assertEquals("qos", assertThrows(InvalidConfigException.class, () -> MqttSettings.qos("qos", 3)).property());
        assertEquals(2, MqttSettings.qos("qos", 2));
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertFalse(new MqttSettings("tcp://a:1883", "ada", "s3cret", 1000).toString().contains("s3cret"));
    }

    @Test
    void aSessionsClientIdIsTheSameForItsSubscriptionAndDistinctFromOthers() {
        assertEquals(MqttClients.clientId("p", "orders/#", "g"), MqttClients.clientId("p", "orders/#", "g"));
        assertFalse(MqttClients.clientId("p", "orders/#", "g").equals(MqttClients.clientId("p", "orders/#", "h")));
        assertEquals(true, MqttClients.clientId("capa-ee-host", "t", "g").startsWith("capa-ee-host-"));
    }

    @Test
    void onlyTopicsWithoutWildcardsOrNulCanBePublishedTo() {
        assertEquals(true, MqttClients.isPublishTopic("orders/eu/created"));
        for (String bad : new String[] {"", "orders/+/x", "orders/#", "a\0b", "x".repeat(65_536)}) {
            assertFalse(MqttClients.isPublishTopic(bad), bad.length() > 20 ? "a long topic" : bad);
        }
    }
}
