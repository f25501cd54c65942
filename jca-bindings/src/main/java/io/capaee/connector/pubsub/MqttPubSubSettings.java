// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.connector.mqtt.MqttSettings;

/**
 * The {@code mqtt} broker: topic {@code t} is the MQTT topic {@code topicPrefix + t}; each
 * subscription's durable session has the client id {@code clientIdPrefix-<hash of topic and group>}.
 */
record MqttPubSubSettings(MqttSettings mqtt, String topicPrefix, String clientIdPrefix, int redeliverAfterMillis) {
}
