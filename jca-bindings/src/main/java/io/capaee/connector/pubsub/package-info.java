// SPDX-License-Identifier: Apache-2.0
/**
 * Pub/sub brokers ({@code eis/capa/pubsub/NAME}): the connection definition and the backends
 * ({@link io.capaee.connector.pubsub.Broker}), chosen by the {@code backend} property: in memory,
 * Redis streams, Kafka and NATS JetStream.
 */
package io.capaee.connector.pubsub;
