// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.kafka;

import io.capaee.connector.kafka.KafkaSettings;

/** A Kafka output binding's producer settings, already validated by the factory. */
record KafkaProducerSettings(KafkaSettings kafka, String topic, String acks, int lingerMillis, int batchBytes,
        int timeoutMillis) {}
