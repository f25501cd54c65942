// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.mqtt.MqttClients;
import io.capaee.connector.mqtt.MqttSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Source {@code mqtt}: a durable session (client id {@code client_id}, default
 * {@code capa-connector-<connector id>}) subscribed to {@code topic}, through a shared subscription
 * when {@code group} is set; each message is acknowledged to the broker once the sink took it. A
 * released message is polled again first; one still unacknowledged when the connector stops comes
 * again from the broker when the session resumes. User properties become headers, plus
 * {@code mqtt_topic}. A lost connection fails the poll, and the connector reopens the source.
 */
final class MqttSource implements ConnectorSource, MqttCallback {
    private static final Logger LOG = Logger.getLogger(MqttSource.class.getName());
    private static final int BATCH = 100;
    private static final int TIMEOUT_MILLIS = 10_000;

    /** A message with its topic. */
    private record Arrived(String topic, MqttMessage message) {
    }

    private final BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>(); // filled by the client's thread
    private final Deque<Arrived> released = new ArrayDeque<>(); // touched by the connector's turns only
    private final String topic;
    private final MqttClient client;
    private volatile String lost; // set by the client's thread

    MqttSource(ComponentStep step, String connectorId) throws MqttException {
        MqttSettings settings = new MqttSettings(step.string("url", "tcp://127.0.0.1:1883"), step.string("username", ""),
                step.string("password", ""), TIMEOUT_MILLIS);
        topic = step.string("topic", null);
        String group = step.string("group", "");
        client = MqttClients.subscriber(settings, step.string("client_id", "capa-connector-" + connectorId), this);
        try {
            String filter = group.isEmpty() ? topic : "$share/" + group + "/" + topic;
            IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, step.integer("qos", 1))});
            for (int code : token.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new IllegalStateException("the MQTT broker refused the subscription to " + filter
                            + " (reason code 0x" + Integer.toHexString(code) + ")");
                }
            }
        } catch (MqttException | RuntimeException e) {
            MqttClients.close(client);
            throw e;
        }
    }

    @Override
    public List<Received> poll(Duration wait) throws InterruptedException {
        if (lost != null || !client.isConnected()) {
            throw new IllegalStateException("the MQTT subscription to " + topic + " lost its connection: " + lost);
        }
        List<Received> batch = new ArrayList<>();
        while (!released.isEmpty() && batch.size() < BATCH) {
            batch.add(received(released.removeFirst()));
        }
        if (!batch.isEmpty()) {
            return batch;
        }
        Arrived first = arrived.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(received(first));
        for (Arrived next; batch.size() < BATCH && (next = arrived.poll()) != null; ) {
            batch.add(received(next));
        }
        return batch;
    }

    private Received received(Arrived message) {
        Map<String, String> headers = new HashMap<>();
        MqttProperties properties = message.message().getProperties();
        if (properties != null) {
            properties.getUserProperties().forEach(p -> headers.putIfAbsent(p.getKey(), p.getValue()));
        }
        headers.put("mqtt_topic", message.topic());
        return new Received(new Envelope(message.message().getPayload(), headers, null), new Received.Acknowledgement() {
            @Override
            public void ack() throws MqttException {
                client.messageArrivedComplete(message.message().getId(), message.message().getQos());
            }

            @Override
            public void release() {
                released.addLast(message);
            }
        });
    }

    @Override
    public void close() {
        MqttClients.close(client);
        arrived.clear();
        released.clear();
    }

    @Override
    public void messageArrived(String arrivedTopic, MqttMessage message) {
        arrived.add(new Arrived(arrivedTopic, message));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lost = response == null ? "disconnected" : String.valueOf(response.getReasonString() != null
                ? response.getReasonString() : response.getException());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        lost = String.valueOf(exception);
        LOG.log(Level.FINE, "MQTT error on " + topic, exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // this client only subscribes
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // the connector reopens a lost connection itself
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
