// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.MqttListener;
import jakarta.ejb.MessageDriven;

/**
 * The MQTT input binding: messages of the topic filter of the activation spec
 * {@code capa-ee/ejb-bindings/MqttInputBinding} go to its {@code target}; a message is acknowledged
 * to the broker only after the target took it (or it was dead-lettered).
 */
@MessageDriven(name = "MqttInputBinding")
public class MqttInputBinding extends InputBinding implements MqttListener {}
