// SPDX-License-Identifier: Apache-2.0
/**
 * Kafka, the one place the adapter creates its clients: the validated
 * {@link io.capaee.connector.kafka.KafkaSettings} and the one client factory
 * ({@link io.capaee.connector.kafka.KafkaClients}) for producers, consumers and admin clients,
 * built with the adapter's class loader. Callers get kafka-clients objects for the topics they
 * use; their acknowledgements, commits and offsets are theirs.
 */
package io.capaee.connector.kafka;
