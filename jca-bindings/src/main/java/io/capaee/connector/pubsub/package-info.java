// SPDX-License-Identifier: Apache-2.0
/**
 * Pub/sub brokers ({@code eis/capa/pubsub/NAME}): the connection definition and the backends
 * ({@link io.capaee.connector.pubsub.Broker}): in memory and Redis streams. A Kafka or NATS
 * JetStream broker is another {@code Broker} chosen by the {@code backend} property.
 */
package io.capaee.connector.pubsub;
