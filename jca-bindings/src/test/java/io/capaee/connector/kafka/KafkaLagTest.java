// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A consumer group's lag: end offset minus committed offset, per partition, summed. */
class KafkaLagTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @Test
    void theLagIsTheSumOverPartitionsOfEndMinusCommitted() {
        assertEquals(7 + 3, KafkaLag.total(Map.of(P0, 17L, P1, 8L),
                Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(5)), Map.of()));
    }

    @Test
    void aPartitionWithoutACommitCountsFromWhereItWouldBeRead() {
        assertEquals(2 + 12, KafkaLag.total(Map.of(P0, 12L, P1, 8L), Map.of(P1, new OffsetAndMetadata(6)), Map.of(P0, 0L)));
        assertEquals(2, KafkaLag.total(Map.of(P0, 12L, P1, 8L), Map.of(P1, new OffsetAndMetadata(6)), Map.of()),
                "nothing to count from: no lag");
    }

    @Test
    void aCommitPastTheEndIsNoNegativeLag() {
        assertEquals(0, KafkaLag.total(Map.of(P0, 4L), Map.of(P0, new OffsetAndMetadata(9)), Map.of()));
    }

    @Test
    void theConsumersAssignedPartitionsAreRead() {
        try (MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST)) {
            consumer.assign(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 2L, P1, 0L));
            consumer.updateEndOffsets(Map.of(P0, 20L, P1, 5L));
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(15)));
            assertEquals(5 + 5, KafkaLag.of(consumer, true, Duration.ofSeconds(1)), "P1 never committed: from its start");
            assertEquals(5, KafkaLag.of(consumer, false, Duration.ofSeconds(1)), "P1 never committed: read from its end");
        }
    }

    @Test
    void aConsumerWithoutPartitionsHasNoLag() {
        try (MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST)) {
            assertEquals(0, KafkaLag.of(consumer, true, Duration.ofSeconds(1)));
        }
    }
}
