// SPDX-License-Identifier: Apache-2.0
/**
 * RabbitMQ inbound: messages of a queue (declared durable if missing, optionally bound to an
 * exchange) delivered to a bean, with retries and dead letters; each message is acknowledged to the
 * broker only once delivered or dead-lettered. Servers consuming one queue share its messages.
 */
package io.capaee.connector.inbound.rabbitmq;
