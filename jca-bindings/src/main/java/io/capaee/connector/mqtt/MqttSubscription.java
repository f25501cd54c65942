// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.mqtt;

import io.capaee.connector.inbound.Arrivals;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The reading side of MQTT, the same for activation specs, pub/sub and connectors: a
 * {@linkplain MqttClients#subscriber durable session} subscribed to one filter, whose client thread
 * only queues what arrives; its owner {@linkplain #take takes} in turns and
 * {@linkplain #acknowledge acknowledges} each message itself once it is settled. A message not
 * acknowledged comes again from the broker when the session resumes. A lost connection is not
 * repaired here: {@link #take} fails, and the owner closes this and opens a new one.
 */
public final class MqttSubscription implements AutoCloseable {

    /** A message as the broker sent it, with its topic. */
    public record Arrived(String topic, MqttMessage message) {

        /** The message's MQTT 5 user properties (the first value of each name). */
        public Map<String, String> userProperties() {
            Map<String, String> properties = new HashMap<>();
            MqttProperties mqttProperties = message.getProperties();
            if (mqttProperties != null) {
                mqttProperties.getUserProperties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
            }
            return properties;
        }
    }

    private final Arrivals<Arrived> arrived = new Arrivals<>(); // filled by the client's thread
    private final String filter;
    private final MqttClient client;

    private MqttSubscription(MqttSettings settings, String clientId, String filter) throws MqttException {
        this.filter = filter;
        this.client = MqttClients.subscriber(settings, clientId, new Callback());
    }

    /**
     * Connects with the durable session {@code clientId} and subscribes to {@code filter}
     * ({@code $share/<group>/<topic>} for a shared subscription).
     *
     * @throws MqttException when the broker cannot be reached
     * @throws IllegalStateException when the broker refuses the subscription
     */
    public static MqttSubscription open(MqttSettings settings, String clientId, String filter, int qos) throws MqttException {
        MqttSubscription subscription = new MqttSubscription(settings, clientId, filter);
        try {
            IMqttToken token = subscription.client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, qos)});
            for (int code : token.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new IllegalStateException("the MQTT broker refused the subscription to " + filter
                            + " (reason code 0x" + Integer.toHexString(code) + ")");
                }
            }
        } catch (MqttException | RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription;
    }

    /** {@code $share/<group>/<topic>}, or the topic itself when {@code group} is empty. */
    public static String filter(String topic, String group) {
        return group.isEmpty() ? topic : "$share/" + group + "/" + topic;
    }

    /**
     * What arrived, in order, at most {@code max}, waiting at most {@code wait} for the first.
     *
     * @throws IllegalStateException when the connection was lost (the owner opens a new subscription)
     */
    public List<Arrived> take(Duration wait, int max) throws InterruptedException {
        if (arrived.lost() != null || !client.isConnected()) {
            throw new IllegalStateException("the MQTT subscription to " + filter + " lost its connection: " + arrived.lost());
        }
        return arrived.take(wait, max);
    }

    /** Tells the broker the message is settled: it is not sent again. */
    public void acknowledge(MqttMessage message) throws MqttException {
        if (message.getQos() > 0) {
            client.messageArrivedComplete(message.getId(), message.getQos());
        }
    }

    /** Publishes on this subscription's connection (dead letters) and waits for the broker's acknowledgement. */
    public void publish(String topic, MqttMessage message) throws MqttException {
        client.publish(topic, message);
    }

    public String filter() {
        return filter;
    }

    /** Disconnects, leaving the session (and what it did not acknowledge) with the broker; never throws. */
    @Override
    public void close() {
        MqttClients.close(client);
        arrived.clear();
    }

    /** On the client's thread: queues, and notes why the connection went. */
    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrived.add(new Arrived(topic, message));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            arrived.lost(response == null ? "disconnected" : String.valueOf(response.getReasonString() != null
                    ? response.getReasonString() : response.getException()));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            arrived.lost(String.valueOf(exception));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publishes wait for their acknowledgement themselves
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the owner opens a new subscription after a lost connection
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
