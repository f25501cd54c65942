// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.kafka.KafkaClients;
import io.capaee.connector.kafka.KafkaLag;
import io.capaee.connector.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Source {@code kafka}: a consumer group member. An acknowledged record moves its partition's
 * offset to be committed after the batch; a released record rewinds its partition to it (and the
 * rest of that partition's batch is ignored), so nothing handed over is skipped.
 */
final class KafkaSource implements ConnectorSource {
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(2);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private final Set<TopicPartition> rewound = new HashSet<>();
    private final boolean fromOldest;

    KafkaSource(ComponentStep step, String connectorId) {
        fromOldest = step.bool("start_from_oldest", true);
        consumer = KafkaClients.consumer(KafkaSettings.of("seed_brokers", step.strings("seed_brokers")),
                step.string("consumer_group", "capa-connector-" + connectorId), "capa-connector-" + connectorId,
                fromOldest ? "earliest" : "latest", step.integer("max_poll_records", 500), Map.of());
        consumer.subscribe(step.strings("topics"));
    }

    @Override
    public long lag() {
        return KafkaLag.of(consumer, fromOldest, LAG_TIMEOUT);
    }

    @Override
    public List<Received> poll(Duration wait) {
        rewound.clear();
        List<Received> batch = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            batch.add(received(record));
        }
        return batch;
    }

    private Received received(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        return new Received(new Envelope(record.value() == null ? new byte[0] : record.value(), headers, key),
                new Received.Acknowledgement() {
                    @Override
                    public void ack() {
                        if (!rewound.contains(partition)) {
                            toCommit.put(partition, new OffsetAndMetadata(record.offset() + 1));
                        }
                    }

                    @Override
                    public void release() {
                        if (rewound.add(partition)) {
                            consumer.seek(partition, record.offset());
                        }
                    }
                });
    }

    @Override
    public void commit() {
        if (!toCommit.isEmpty()) {
            consumer.commitSync(Map.copyOf(toCommit));
            toCommit.clear();
        }
    }


    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
