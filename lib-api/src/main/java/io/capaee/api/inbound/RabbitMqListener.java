// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the RabbitMQ activation spec (a queue, optionally bound to an exchange). */
public interface RabbitMqListener extends InboundListener {}
