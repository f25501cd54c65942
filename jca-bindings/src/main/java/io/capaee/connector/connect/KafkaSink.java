// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.kafka.KafkaClients;
import io.capaee.connector.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sink {@code kafka}: idempotent producer, acks=all; a message is accepted once the broker acknowledged it. */
final class KafkaSink implements ConnectorSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String fixedKey;
    private final long timeoutMillis;

    KafkaSink(ComponentStep step, String connectorId) {
        topic = step.string("topic", null);
        fixedKey = step.string("key", null);
        timeoutMillis = step.duration("timeout", Duration.ofSeconds(30)).toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeoutMillis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMillis, 1000));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, 30_000));
        producer = KafkaClients.producer(KafkaSettings.of("seed_brokers", step.strings("seed_brokers")),
                "capa-connector-" + connectorId, config);
    }

    @Override
    public void send(Envelope message) throws Exception {
        producer.send(record(message)).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The whole batch in flight at once (the producer batches and pipelines it; the idempotent
     * producer keeps it in order), then one wait per record for the broker's acknowledgement.
     */
    @Override
    public List<Exception> sendAll(List<Envelope> messages) throws InterruptedException {
        List<Future<RecordMetadata>> inFlight = new ArrayList<>(messages.size());
        Exception refused = null;
        for (Envelope message : messages) {
            try {
                inFlight.add(producer.send(record(message)));
            } catch (RuntimeException e) { // refused before sending (too large, no metadata in time, closed)
                refused = e;
                break;
            }
        }
        List<Exception> results = new ArrayList<>(inFlight.size() + 1);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Future<RecordMetadata> sent : inFlight) {
            try {
                sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                results.add(null);
            } catch (ExecutionException e) {
                results.add(e.getCause() instanceof Exception cause ? cause : e);
            } catch (TimeoutException e) {
                results.add(e);
            }
        }
        if (refused != null) {
            results.add(refused);
        }
        return results;
    }

    private ProducerRecord<byte[], byte[]> record(Envelope message) {
        String key = fixedKey != null ? fixedKey : message.key();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), message.data());
        if (!message.headers().isEmpty()) {
            message.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
