// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to an MQTT broker (operation create: publish and wait for the broker's acknowledgement; MQTT 5). */
public interface MqttBindingFactory extends OutputBindingFactory {}
