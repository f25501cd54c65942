// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.RabbitMqListener;
import jakarta.ejb.MessageDriven;

/**
 * The RabbitMQ input binding: messages of the queue of the activation spec
 * {@code capa-ee/ejb-bindings/RabbitMqInputBinding} go to its {@code target}; a message is
 * acknowledged to the broker only after the target took it (or it was dead-lettered).
 */
@MessageDriven(name = "RabbitMqInputBinding")
public class RabbitMqInputBinding extends InputBinding implements RabbitMqListener {}
