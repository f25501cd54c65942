// SPDX-License-Identifier: Apache-2.0
/**
 * RabbitMQ, the one place the adapter builds its RabbitMQ connections (the official Java client,
 * AMQP 0-9-1, blocking-socket transport): the validated {@link io.capaee.connector.rabbitmq.RabbitMqSettings},
 * {@link io.capaee.connector.rabbitmq.RabbitMqClients}, the confirming
 * {@link io.capaee.connector.rabbitmq.RabbitMqPublisher} and the reading side every front end shares,
 * {@link io.capaee.connector.rabbitmq.RabbitMqSubscription}. At least once: publishes wait for the
 * broker's confirmation, consumers acknowledge only what they settled.
 */
package io.capaee.connector.rabbitmq;
