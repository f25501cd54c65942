// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the MQTT activation spec (topic filters, shared subscriptions). */
public interface MqttListener extends InboundListener {}
