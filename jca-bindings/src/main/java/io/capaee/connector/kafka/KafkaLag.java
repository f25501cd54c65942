// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on the partitions one consumer holds: per partition, its end offset minus the
 * group's committed offset, summed. Read with the consumer itself (on the thread that polls it: a consumer
 * is not thread-safe), so no second connection is opened for it.
 */
public final class KafkaLag {
    private KafkaLag() {}

    /**
     * Reads the lag of {@code consumer}'s assigned partitions (0 while it holds none): two requests to the
     * brokers, three when a partition has no committed offset yet.
     *
     * @param fromStart whether a partition without a committed offset is read from its start (the
     *     {@code earliest} reset); else it is read from its end and has no lag
     */
    public static long of(Consumer<?, ?> consumer, boolean fromStart, Duration timeout) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, timeout);
        Set<TopicPartition> uncommitted = new HashSet<>(assigned);
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                uncommitted.remove(partition);
            }
        });
        Map<TopicPartition, Long> start = uncommitted.isEmpty() ? Map.of()
                : fromStart ? consumer.beginningOffsets(uncommitted, timeout) : end;
        return total(end, committed, start);
    }

    /**
     * The lag of every partition of {@code end}: its end offset minus the committed one, or minus {@code start}'s
     * offset where none is committed (none there either: no lag); never below 0 per partition.
     */
    public static long total(Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, Long> start) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            OffsetAndMetadata done = committed.get(e.getKey());
            Long from = done != null ? Long.valueOf(done.offset()) : start.get(e.getKey());
            if (from != null) {
                total += Math.max(0, e.getValue() - from);
            }
        }
        return total;
    }
}
