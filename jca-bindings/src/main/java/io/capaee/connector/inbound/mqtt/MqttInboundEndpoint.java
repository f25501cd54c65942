// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.mqtt;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.mqtt.MqttClients;
import io.capaee.connector.mqtt.MqttSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Subscribes with a durable session and manual acknowledgements: the client's thread only queues
 * what arrives (the broker sends at most {@code receiveMaximum} unacknowledged messages), and each
 * turn delivers what is queued, in order, with retries. A message is acknowledged to the broker
 * only once delivered, or published to the dead-letter topic (with the user properties
 * {@code capa-dead-letter-reason}, {@code capa-attempts} and {@code capa-original-topic}). MQTT
 * sends a message again only when the session resumes, so when neither happened (or the endpoint
 * stops) the connection is closed unacknowledged and reopened: the broker then sends it, and what
 * followed it, again.
 */
final class MqttInboundEndpoint extends EndpointLoop implements MqttCallback {
    private static final Logger LOG = Logger.getLogger(MqttInboundEndpoint.class.getName());
    private static final int BATCH = 100;
    private static final int MAX_REASON_CHARS = 500;

    /** What to subscribe to and as whom; {@code group} empty: no shared subscription. */
    record Subscription(String topic, String group, int qos, String clientId, String deadLetterTopic) {
        String filter() {
            return group.isEmpty() ? topic : "$share/" + group + "/" + topic;
        }
    }

    /** A message as Paho handed it over, with its topic. */
    private record Arrived(String topic, MqttMessage message) {
    }

    private final MqttSettings settings;
    private final Subscription subscription;
    private final String target;
    private final DeliveryLine<Taken<Arrived>> line;
    private final BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>(); // filled by the client's thread
    private volatile String lost; // why the connection went, set by the client's thread
    // touched by turns only
    private MqttClient client;
    private boolean sendAgain;

    MqttInboundEndpoint(MqttSettings settings, Subscription subscription, String target, DeliveryPolicy policy,
            EndpointInvoker invoker) {
        this.settings = settings;
        this.subscription = subscription;
        this.target = target;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, (messages, first) -> sendAgain = true);
    }

    @Override
    protected void open() throws Exception {
        arrived.clear();
        lost = null;
        sendAgain = false;
        client = MqttClients.subscriber(settings, subscription.clientId(), this);
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(subscription.filter(),
                subscription.qos())});
        for (int code : token.getReasonCodes()) {
            if (code >= 0x80) {
                throw new IllegalStateException("the broker refused the subscription to " + subscription.filter()
                        + " (reason code 0x" + Integer.toHexString(code) + ")");
            }
        }
    }

    @Override
    protected long turn() throws Exception {
        if (lost != null || !client.isConnected()) {
            throw new IllegalStateException("MQTT connection to " + settings.url() + " lost: " + lost);
        }
        up();
        long wait = deliver();
        if (wait > 0 || stopping()) {
            return wait;
        }
        Arrived next = arrived.poll(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            return IDLE;
        }
        for (int taken = 1; ; taken++) {
            line.add(taken(next));
            wait = deliver();
            if (wait > 0 || taken >= BATCH || stopping()) {
                return wait;
            }
            next = arrived.poll();
            if (next == null) {
                return AGAIN;
            }
        }
    }

    /** Delivers what is in line; a message that could not be settled makes the session resume. */
    private long deliver() {
        long wait = line.deliver(this::stopping);
        if (sendAgain) {
            throw new IllegalStateException("a message of " + subscription.filter() + " was neither delivered nor"
                    + " dead-lettered; reconnecting so that the broker sends it again");
        }
        return wait;
    }

    @Override
    protected void close() {
        line.handBack(); // not acknowledged: the broker sends them again when the session resumes
        arrived.clear();
        MqttClients.close(client);
        client = null;
    }

    private Taken<Arrived> taken(Arrived message) {
        Map<String, String> metadata = new HashMap<>();
        MqttProperties properties = message.message().getProperties();
        if (properties != null) {
            for (UserProperty property : properties.getUserProperties()) {
                metadata.putIfAbsent(property.getKey(), property.getValue());
            }
            if (properties.getContentType() != null) {
                metadata.put("contentType", properties.getContentType());
            }
        }
        metadata.put("topic", message.topic());
        metadata.put("qos", Integer.toString(message.message().getQos()));
        metadata.put("retained", Boolean.toString(message.message().isRetained()));
        metadata.put("duplicate", Boolean.toString(message.message().isDuplicate()));
        return new Taken<>(message, new InboundMessage("mqtt", message.topic(), null, message.message().getPayload(),
                metadata, 1, target));
    }

    /** Acknowledges a message delivered or dead-lettered; false (it must come again) when neither. */
    private boolean settle(Taken<Arrived> taken, DeliveryOutcome outcome) {
        if (!outcome.delivered() && !deadLetter(taken.original(), outcome)) {
            return false;
        }
        MqttMessage message = taken.original().message();
        if (message.getQos() > 0) {
            try {
                client.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException e) {
                // delivered: the broker will send it again when the session resumes (at-least-once)
                LOG.log(Level.WARNING, describe() + ": acknowledging message " + message.getId() + " failed", e);
            }
        }
        return true;
    }

    private boolean deadLetter(Arrived message, DeliveryOutcome outcome) {
        String to = subscription.deadLetterTopic().isEmpty() ? "dlq/" + message.topic() : subscription.deadLetterTopic();
        Map<String, String> headers = new LinkedHashMap<>();
        MqttProperties properties = message.message().getProperties();
        if (properties != null) {
            properties.getUserProperties().forEach(p -> headers.putIfAbsent(p.getKey(), p.getValue()));
        }
        String reason = outcome.reason().replaceAll("[\\r\\n]+", " ");
        headers.put("capa-dead-letter-reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        headers.put("capa-attempts", Integer.toString(outcome.attempts()));
        headers.put("capa-original-topic", message.topic());
        try {
            client.publish(to, MqttClients.message(message.message().getPayload(), 1, false, headers));
            LOG.log(Level.WARNING, "{0}: message from {1} sent to dead-letter topic {2} after {3} attempt(s)",
                    new Object[] {describe(), message.topic(), to, outcome.attempts()});
            return true;
        } catch (MqttException e) {
            LOG.log(Level.WARNING, describe() + ": dead letter to " + to + " failed; the message will come again", e);
            return false;
        }
    }

    @Override
    public String describe() {
        return "mqtt inbound " + subscription.filter();
    }

    // MqttCallback, on the client's thread

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.add(new Arrived(topic, message));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lost = response == null ? "disconnected" : String.valueOf(response.getReasonString() != null
                ? response.getReasonString() : response.getException());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        lost = String.valueOf(exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // dead letters wait for their acknowledgement in publish itself
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // the endpoint's loop reopens a lost connection itself
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
