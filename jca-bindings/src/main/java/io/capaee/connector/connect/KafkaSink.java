// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.binding.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", step.strings("seed_brokers")));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "capa-connector-" + connectorId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeoutMillis);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMillis, 1000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, 30_000));
        producer = KafkaClients.withOwnClassLoader(
                () -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @Override
    public void send(Envelope message) throws Exception {
        String key = fixedKey != null ? fixedKey : message.key();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), message.data());
        message.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
