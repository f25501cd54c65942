// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.mqtt.MqttClients;
import io.capaee.connector.mqtt.MqttPublisher;
import io.capaee.connector.mqtt.MqttSettings;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Sink {@code mqtt}: publishes each message to {@code topic} with quality of service {@code qos}
 * and returns once the broker acknowledged it; the headers become MQTT 5 user properties.
 */
final class MqttSink implements ConnectorSink {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final MqttPublisher client;
    private final String topic;
    private final int qos;
    private final boolean retain;

    MqttSink(ComponentStep step, String connectorId) throws MqttException {
        MqttSettings settings = new MqttSettings(step.string("url", MqttSettings.URL), step.string("username", ""),
                step.string("password", ""), TIMEOUT_MILLIS);
        topic = step.string("topic", null);
        qos = step.integer("qos", 1);
        retain = step.bool("retain", false);
        client = MqttClients.publisher(settings, "capa-connector-" + connectorId + "-" + UUID.randomUUID());
    }

    @Override
    public void send(Envelope message) throws MqttException {
        client.publish(topic, MqttClients.message(message.data(), qos, retain, message.headers()));
    }

    @Override
    public void close() {
        client.close();
    }
}
