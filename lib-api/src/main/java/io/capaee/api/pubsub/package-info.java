// SPDX-License-Identifier: Apache-2.0
/**
 * The pub/sub building block's broker SPI: a named broker ({@code eis/capa/pubsub/NAME}) publishes
 * messages (bytes: a CloudEvent or a raw payload) to topics and delivers them, at least once, to a
 * consumer group's {@link io.capaee.api.pubsub.MessageHandler}. Brokers: in memory, Redis
 * streams, Kafka and NATS JetStream. The Dapr
 * semantics (CloudEvents, SUCCESS/RETRY/DROP, retries, dead-letter topics) live above it.
 */
package io.capaee.api.pubsub;
