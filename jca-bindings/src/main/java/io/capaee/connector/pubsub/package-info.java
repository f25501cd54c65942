// SPDX-License-Identifier: Apache-2.0
/**
 * Pub/sub brokers ({@code eis/capa/pubsub/NAME}): the connection definition and the backends
 * ({@link io.capaee.connector.pubsub.Broker}), chosen by the {@code backend} property: in memory,
 * Redis streams, Kafka and NATS JetStream. A broker publishes and opens a source per subscription;
 * every subscription runs the same turns ({@code SubscriptionTurns}: take, deliver with the
 * subscription's retry policy, acknowledge or release), on the adapter's work manager
 * ({@code SubscriptionLoop}), or, for handlers that block, on a thread of the caller's executor
 * ({@code ThreadSubscription}).
 */
package io.capaee.connector.pubsub;
