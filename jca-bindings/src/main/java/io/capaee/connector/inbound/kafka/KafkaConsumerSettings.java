// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.kafka;

import java.util.List;

/** A Kafka activation spec's consumer settings, validated. */
record KafkaConsumerSettings(String bootstrapServers, List<String> topics, String groupId, String autoOffsetReset,
        int maxPollRecords, String deadLetterTopic) {}
