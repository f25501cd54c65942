// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubException;
import io.capaee.connector.mqtt.MqttClients;
import io.capaee.connector.mqtt.MqttPublisher;
import io.capaee.connector.mqtt.MqttSubscription;
import io.capaee.connector.outbound.SharedBackendBase;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * MQTT 5: topic {@code t} is the MQTT topic {@code topicPrefix + t}, published with QoS 1 (waiting
 * for the broker's acknowledgement); a consumer group is a shared subscription
 * ({@code $share/<group>/<topic>}) of durable sessions, one per subscription, so servers of one group
 * share the messages and a group keeps what is published while none of its servers runs. A message
 * is acknowledged to the broker once the handler accepted it (delivered, or dropped to a dead-letter
 * topic by the layer above); one it refused stays unacknowledged and is handed to the same
 * subscription again after {@code redeliverAfterMillis}. MQTT itself sends an unacknowledged message
 * again only when a session resumes: after a crash or a stop, the subscription's next connection gets
 * what it had not acknowledged.
 */
public final class MqttPubSubBroker extends SharedBackendBase implements Broker {
    private static final Logger LOG = Logger.getLogger(MqttPubSubBroker.class.getName());
    private static final int BATCH = 32;

    private final MqttPubSubSettings settings;
    private MqttPublisher publisher; // guarded by this

    public MqttPubSubBroker(MqttPubSubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void publish(String topic, byte[] message, Map<String, String> headers) {
        String target = topic(topic);
        try {
            publisher().publish(target, MqttClients.message(message, 1, false, headers)); // headers: MQTT 5 user properties
        } catch (MqttException e) {
            throw new PubSubException("MQTT " + settings.mqtt().url() + " did not take a message to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    private synchronized MqttPublisher publisher() throws MqttException {
        if (closed()) {
            throw new PubSubException("the MQTT broker " + settings.mqtt().url() + " is closed");
        }
        if (publisher == null) {
            publisher = MqttClients.publisher(settings.mqtt(), settings.clientIdPrefix() + "-pub-" + UUID.randomUUID());
        }
        return publisher;
    }

    private String topic(String topic) {
        if (!MqttClients.isPublishTopic(topic)) {
            throw new PubSubException("'" + topic + "' is not an MQTT topic to publish to: not empty, no '+', '#' or NUL");
        }
        return settings.topicPrefix() + topic;
    }

    @Override
    public BrokerSource open(String topic, String group) throws MqttException {
        String target = topic(topic);
        // a group name is one level of the shared subscription's filter
        String share = group.replaceAll("[/+#\\s]", "_");
        return new Source(target, share, MqttClients.clientId(settings.clientIdPrefix(), target, share));
    }

    @Override
    public boolean stopped() {
        return closed();
    }

    @Override
    protected void release() {
        MqttPublisher client;
        synchronized (this) {
            client = publisher;
            publisher = null;
        }
        if (client != null) {
            client.close();
        }
    }

    /** A message handed back, and when it may be handed over again. */
    private record Released(long dueNanos, MqttMessage message) {
    }

    /** One subscription: a durable session with manual acknowledgements. */
    private final class Source implements BrokerSource {
        private final Deque<Released> released = new ArrayDeque<>(); // touched by the subscription's turns only
        private final MqttSubscription subscription;

        Source(String topic, String group, String clientId) throws MqttException {
            this.subscription = MqttSubscription.open(settings.mqtt(), clientId, MqttSubscription.filter(topic, group), 1);
        }

        @Override
        public List<BrokerMessage> take(Duration wait) throws InterruptedException {
            if (closed()) {
                throw new PubSubException("the MQTT broker " + settings.mqtt().url() + " is closed");
            }
            List<BrokerMessage> messages = new ArrayList<>();
            long now = System.nanoTime();
            while (!released.isEmpty() && released.peekFirst().dueNanos() - now <= 0 && messages.size() < BATCH) {
                messages.add(message(released.removeFirst().message()));
            }
            if (messages.isEmpty()) {
                subscription.take(wait, BATCH).forEach(arrived -> messages.add(message(arrived.message())));
            }
            return messages;
        }

        private BrokerMessage message(MqttMessage message) {
            // abandoned (the subscription stops): left unacknowledged, the session's next connection gets it again
            return new BrokerMessage(message.getPayload(), () -> acknowledge(message),
                    () -> released.addLast(new Released(System.nanoTime()
                            + TimeUnit.MILLISECONDS.toNanos(settings.redeliverAfterMillis()), message)),
                    BrokerMessage.NOTHING, () -> false, new MqttSubscription.Arrived(null, message).userProperties());
        }

        private void acknowledge(MqttMessage message) {
            try {
                subscription.acknowledge(message);
            } catch (MqttException e) {
                // handled: the broker sends it again when the session resumes (at-least-once)
                LOG.log(Level.WARNING, "acknowledging an MQTT message of " + subscription.filter() + " failed", e);
            }
        }

        @Override
        public void close() {
            subscription.close();
            released.clear();
        }
    }
}
