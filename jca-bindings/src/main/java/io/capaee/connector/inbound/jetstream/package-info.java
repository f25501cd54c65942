// SPDX-License-Identifier: Apache-2.0
/**
 * NATS JetStream inbound: a durable pull consumer, at-least-once: a message is acknowledged only
 * after the bean returned, terminated after it was dead-lettered, and negatively acknowledged
 * (redelivered) when neither happened.
 */
package io.capaee.connector.inbound.jetstream;
