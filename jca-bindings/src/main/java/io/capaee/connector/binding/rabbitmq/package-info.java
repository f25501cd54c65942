// SPDX-License-Identifier: Apache-2.0
/** The {@code rabbitmq} output binding: publishes to RabbitMQ and waits for the broker's confirmation. */
package io.capaee.connector.binding.rabbitmq;
