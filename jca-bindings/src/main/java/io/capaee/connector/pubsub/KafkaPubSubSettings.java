// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.connector.kafka.KafkaSettings;

/**
 * A Kafka pub/sub broker's settings, validated by its factory: where the brokers are, the prefix
 * of every topic name, whether a new consumer group starts at the oldest message (else at the
 * newest), the publish timeout, the producer's linger, and the pause before a refused message
 * is read again.
 */
public record KafkaPubSubSettings(KafkaSettings kafka, String topicPrefix, boolean oldest, int timeoutMillis,
        int lingerMillis, int redeliverAfterMillis) {}
