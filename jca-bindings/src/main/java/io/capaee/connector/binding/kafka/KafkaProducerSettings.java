// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.kafka;

/** A Kafka output binding's producer settings, already validated by the factory. */
record KafkaProducerSettings(String bootstrapServers, String topic, String acks, int lingerMillis, int batchBytes,
        int timeoutMillis) {}
