// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the loss tests find in a Kafka topic whose records are the numbers 0, 1, 2...: how often each arrived.
 * Used by the end-to-end tests and by bench/java's failure benchmark.
 */
public final class NumberedRecords {
    private NumberedRecords() {}

    /** Reads {@code topic} from its start until the numbers 0 to {@code expected - 1} all arrived, or {@code limit} passed. */
    public static Map<Integer, Integer> read(String bootstrap, String topic, int expected, Duration limit) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        Map<Integer, Integer> numbers = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + limit.toNanos();
            while (!allOf(numbers, expected) && System.nanoTime() < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    numbers.merge(Integer.parseInt(record.value()), 1, Integer::sum);
                }
            }
        }
        return numbers;
    }

    private static boolean allOf(Map<Integer, Integer> numbers, int expected) {
        for (int i = 0; i < expected; i++) {
            if (!numbers.containsKey(i)) {
                return false;
            }
        }
        return true;
    }
}
