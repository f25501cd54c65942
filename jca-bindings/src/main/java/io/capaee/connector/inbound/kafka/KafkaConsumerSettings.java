// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.kafka;

import io.capaee.connector.kafka.KafkaSettings;
import java.util.List;

/** A Kafka activation spec's consumer settings, validated. */
record KafkaConsumerSettings(KafkaSettings kafka, List<String> topics, String groupId, String autoOffsetReset,
        int maxPollRecords, String deadLetterTopic) {}
