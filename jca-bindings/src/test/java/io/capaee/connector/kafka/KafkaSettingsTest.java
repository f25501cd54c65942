// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void badBootstrapServersAreRefusedNamingTheProperty() {
        for (String bad : new String[] {"", " ", "kafka.example", "kafka.example:port", ":9092", "a:9092, b"}) {
            assertEquals("bootstrapServers", assertThrows(InvalidConfigException.class,
                    () -> new KafkaSettings(bad)).property(), bad);
        }
        assertEquals("seed_brokers", assertThrows(InvalidConfigException.class,
                () -> KafkaSettings.of("seed_brokers", List.of("a:9092", "b"))).property());
    }

    @Test
    void goodBootstrapServersAreKeptStripped() {
        assertEquals("a:9092,[::1]:9093", new KafkaSettings(" a:9092,[::1]:9093 ").bootstrapServers());
        assertEquals("a:1,b:2", KafkaSettings.of("seed_brokers", List.of("a:1", "b:2")).bootstrapServers());
        assertEquals("kafka a:1", new KafkaSettings("a:1").describe());
    }

    @Test
    void producerTimeoutsKeepTheDeliveryTimeoutAboveLingerPlusRequest() {
        Map<String, Object> quick = KafkaClients.producerTimeouts(1000, 5);
        assertEquals(1000, quick.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(1005, quick.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals(1000, quick.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        Map<String, Object> slow = KafkaClients.producerTimeouts(120_000, 0);
        assertEquals(30_000, slow.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(120_000, slow.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }
}
