// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.io.capaee.support.SharedResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A check of the test harness, not of Capa EE: the build's Kafka broker takes records, survives a stop/start
 * from the same log, and loses none, so that the binding tests that stop it prove something about our code.
 */
@ResourceLock(SharedResources.KAFKA)
class KafkaHarnessIT {

    @Test
    void recordsWrittenBeforeAndAfterARestartAreAllRead() throws Exception {
        String topic = "capa-it-broker-" + System.getProperty("http.port") + "-" + UUID.randomUUID();
        List<String> sent = new ArrayList<>();
        produce(topic, "before", 50, sent);
        KafkaBroker.stop();
        KafkaBroker.start();
        produce(topic, "after", 50, sent);

        List<String> read = new ArrayList<>();
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.value());
                }
            }
        }
        assertEquals(sent, read, "every record sent before and after the broker restart, in order");
    }

    private static void produce(String topic, String prefix, int count, List<String> sent) throws Exception {
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String value = prefix + "-" + i;
                producer.send(new ProducerRecord<>(topic, value)).get();
                sent.add(value);
            }
        }
    }
}
