// SPDX-License-Identifier: Apache-2.0
/**
 * MQTT, the one place the adapter builds its MQTT clients (Eclipse Paho, MQTT 5: user properties
 * carry metadata and dead-letter reasons, shared subscriptions carry groups): the validated
 * {@link io.capaee.connector.mqtt.MqttSettings} and {@link io.capaee.connector.mqtt.MqttClients}.
 * Callers get a Paho {@code MqttClient} for the topics they use; how they subscribe and acknowledge
 * is theirs.
 */
package io.capaee.connector.mqtt;
