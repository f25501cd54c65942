// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to RabbitMQ (operation create: publish and wait for the broker's confirmation; AMQP 0-9-1). */
public interface RabbitMqBindingFactory extends OutputBindingFactory {}
