// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.ServerId;
import io.capaee.connector.mqtt.MqttSettings;
import io.capaee.connector.mqtt.MqttSubscription;
import io.capaee.connector.mqtt.MqttSubscription.Arrived;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Source {@code mqtt}: an {@link MqttSubscription} (a durable session, client id {@code client_id},
 * default {@code capa-connector-<connector id>}) to {@code topic}, a shared one when {@code group} is
 * set; each message is acknowledged to the broker once the sink took it. A released message is
 * polled again first; one still unacknowledged when the connector stops comes again from the broker
 * when the session resumes. User properties become headers, plus {@code mqtt_topic}. A lost
 * connection fails the poll, and the connector reopens the source.
 */
final class MqttSource implements ConnectorSource {
    private static final int BATCH = 100;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Deque<Arrived> released = new ArrayDeque<>(); // touched by the connector's turns only
    private final MqttSubscription subscription;

    MqttSource(ComponentStep step, String connectorId, ServerId server) throws MqttException {
        MqttSettings settings = new MqttSettings(step.string("url", MqttSettings.URL), step.string("username", ""),
                step.string("password", ""), TIMEOUT_MILLIS);
        subscription = MqttSubscription.open(settings, step.string("client_id", "capa-connector-" + connectorId + "-" + server),
                MqttSubscription.filter(step.string("topic", null), step.string("group", "capa-connector-" + connectorId)),
                step.integer("qos", 1));
    }

    @Override
    public List<Received> poll(Duration wait) throws InterruptedException {
        List<Received> batch = new ArrayList<>();
        while (!released.isEmpty() && batch.size() < BATCH) {
            batch.add(received(released.removeFirst()));
        }
        if (batch.isEmpty()) {
            subscription.take(wait, BATCH).forEach(message -> batch.add(received(message)));
        }
        return batch;
    }

    private Received received(Arrived message) {
        Map<String, String> headers = message.userProperties();
        headers.put("mqtt_topic", message.topic());
        return new Received(new Envelope(message.message().getPayload(), headers, null), new Received.Acknowledgement() {
            @Override
            public void ack() throws MqttException {
                subscription.acknowledge(message.message());
            }

            @Override
            public void release() {
                released.addLast(message);
            }
        });
    }

    @Override
    public void close() {
        subscription.close();
        released.clear();
    }
}
