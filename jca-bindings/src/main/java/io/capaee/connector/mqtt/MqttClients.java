// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Creates the adapter's MQTT clients. Two kinds: a <em>publisher</em> (a clean session that
 * reconnects by itself; what it publishes waits for the broker's acknowledgement) and a
 * <em>subscriber</em> with a durable session: the broker keeps the session and its QoS 1 and 2
 * messages for {@link #SESSION_EXPIRY_SECONDS} while the client is away, and the client
 * acknowledges each message itself, only once it was delivered, so a message not acknowledged
 * comes again when the client reconnects.
 */
public final class MqttClients {
    private static final Logger LOG = Logger.getLogger(MqttClients.class.getName());
    /** How long the broker keeps a subscriber's session (and its messages) while it is disconnected. */
    public static final long SESSION_EXPIRY_SECONDS = 24 * 3600;
    /** The most QoS 1 and 2 messages the broker sends a subscriber before it acknowledged them. */
    private static final int RECEIVE_MAXIMUM = 100;

    private MqttClients() {
    }

    /** A publisher with a clean session that reconnects on its own, for any number of threads. */
    public static MqttPublisher publisher(MqttSettings settings, String clientId) throws MqttException {
        MqttConnectionOptions options = options(settings);
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        return new MqttPublisher(connect(settings, clientId, options, null), settings.timeoutMillis());
    }

    /**
     * A subscriber with a durable session and manual acknowledgements ({@code messageArrivedComplete}).
     * It does not reconnect on its own: its owner reopens it, and the broker then sends again what
     * was not acknowledged.
     */
    public static MqttClient subscriber(MqttSettings settings, String clientId, MqttCallback callback) throws MqttException {
        MqttConnectionOptions options = options(settings);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        options.setAutomaticReconnect(false);
        return connect(settings, clientId, options, callback);
    }

    private static MqttConnectionOptions options(MqttSettings settings) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(settings.servers());
        options.setConnectionTimeout((int) Math.max(1, (settings.timeoutMillis() + 999) / 1000));
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private static MqttClient connect(MqttSettings settings, String clientId, MqttConnectionOptions options,
            MqttCallback callback) throws MqttException {
        MqttClient client = new MqttClient(settings.servers()[0], clientId, new MemoryPersistence());
        client.setTimeToWait(settings.timeoutMillis());
        if (callback != null) {
            client.setManualAcks(true);
            client.setCallback(callback);
        }
        try {
            client.connect(options);
        } catch (MqttException | RuntimeException e) {
            close(client);
            throw e;
        }
        return client;
    }

    /**
     * A durable session's client id: {@code prefix} and a hash of the subscription's topic and group,
     * so that a restarted server resumes its session while two subscriptions never take each other's.
     */
    public static String clientId(String prefix, String topic, String group) {
        CRC32 crc = new CRC32();
        crc.update((topic + "\n" + group).getBytes(StandardCharsets.UTF_8));
        return prefix + "-" + HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** Whether one can publish to {@code topic}: not empty, no wildcards {@code +} or {@code #}, no NUL, at most 65,535 chars. */
    public static boolean isPublishTopic(String topic) {
        return !topic.isEmpty() && !topic.contains("+") && !topic.contains("#") && topic.indexOf('\0') < 0
                && topic.length() <= 65_535;
    }

    /** A message with {@code headers} as MQTT 5 user properties. */
    public static MqttMessage message(byte[] data, int qos, boolean retained, Map<String, String> headers) {
        MqttMessage message = new MqttMessage(data, qos, retained, null);
        if (!headers.isEmpty()) {
            List<UserProperty> properties = new ArrayList<>(headers.size());
            headers.forEach((name, value) -> properties.add(new UserProperty(name, value)));
            MqttProperties mqttProperties = new MqttProperties();
            mqttProperties.setUserProperties(properties);
            message.setProperties(mqttProperties);
        }
        return message;
    }

    /** Disconnects (waiting briefly for the broker) and frees the client; never throws. */
    public static void close(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, "disconnecting MQTT client " + client.getClientId() + " failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, "closing MQTT client " + client.getClientId() + " failed", e);
        }
    }
}
