// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One publisher shared by many threads, against the machine's Mosquitto: Paho alone refuses
 * publishes beyond the broker's window ({@code 32202}); every one of these is acknowledged.
 */
class MqttPublisherTest {

    @Test
    void manyThreadsSharingOnePublisherAreAllAcknowledged() throws Exception {
        String topic = "capatest/publisher/" + UUID.randomUUID();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(64);
        try (MqttPublisher publisher = MqttClients.publisher(new MqttSettings("tcp://127.0.0.1:1883", "", "", 10_000),
                "capa-test-publisher-" + UUID.randomUUID())) {
            List<Future<Object>> all = threads.invokeAll(java.util.Collections.nCopies(64, () -> {
                for (int i = 0; i < 50; i++) {
                    publisher.publish(topic, MqttClients.message("m".getBytes(StandardCharsets.UTF_8), 1, false, Map.of()));
                    acknowledged.incrementAndGet();
                }
                return null;
            }));
            for (Future<Object> f : all) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(64 * 50, acknowledged.get());
    }
}
