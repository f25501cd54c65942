// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of pub/sub: the memory, Redis, Kafka and JetStream brokers, and Reactive Messaging. */
package it.io.capaee.pubsub;
