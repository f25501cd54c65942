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
import io.capaee.connector.mqtt.MqttSubscription;
import io.capaee.connector.mqtt.MqttSubscription.Arrived;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Reads an {@link MqttSubscription} (a durable session with manual acknowledgements), a batch a
 * turn, and delivers each message in order with retries. A message is acknowledged to the broker
 * only once delivered, or published to the dead-letter topic (with the user properties
 * {@code capa-dead-letter-reason}, {@code capa-attempts} and {@code capa-original-topic}). MQTT
 * sends a message again only when the session resumes, so when neither happened (or the endpoint
 * stops) the connection is closed unacknowledged and reopened: the broker then sends it, and what
 * followed it, again.
 */
final class MqttInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(MqttInboundEndpoint.class.getName());
    private static final int BATCH = 100;
    private static final int MAX_REASON_CHARS = 500;

    /** What to subscribe to and as whom; {@code group} empty: no shared subscription. */
    record Subscription(String topic, String group, int qos, String clientId, String deadLetterTopic) {
        String filter() {
            return MqttSubscription.filter(topic, group);
        }
    }

    private final MqttSettings settings;
    private final Subscription subscription;
    private final String target;
    private final DeliveryLine<Taken<Arrived>> line;
    // touched by turns only
    private MqttSubscription source;
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
        sendAgain = false;
        source = MqttSubscription.open(settings, subscription.clientId(), subscription.filter(), subscription.qos());
    }

    @Override
    protected long turn() throws Exception {
        long wait = deliver();
        if (wait > 0 || stopping()) {
            return wait;
        }
        var taken = source.take(TURN_WAIT, BATCH); // fails when the connection was lost: the loop reopens it
        up();
        if (taken.isEmpty()) {
            return IDLE;
        }
        taken.forEach(message -> line.add(taken(message)));
        return deliver();
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
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private Taken<Arrived> taken(Arrived message) {
        Map<String, String> metadata = message.userProperties();
        MqttProperties properties = message.message().getProperties();
        if (properties != null && properties.getContentType() != null) {
            metadata.put("contentType", properties.getContentType());
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
        try {
            source.acknowledge(taken.original().message());
        } catch (MqttException e) {
            // settled: the broker will send it again when the session resumes (at-least-once)
            LOG.log(Level.WARNING, describe() + ": acknowledging a message failed", e);
        }
        return true;
    }

    private boolean deadLetter(Arrived message, DeliveryOutcome outcome) {
        String to = subscription.deadLetterTopic().isEmpty() ? "dlq/" + message.topic() : subscription.deadLetterTopic();
        Map<String, String> headers = message.userProperties();
        String reason = outcome.reason().replaceAll("[\\r\\n]+", " ");
        headers.put("capa-dead-letter-reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        headers.put("capa-attempts", Integer.toString(outcome.attempts()));
        headers.put("capa-original-topic", message.topic());
        MqttMessage letter = MqttClients.message(message.message().getPayload(), 1, false, headers);
        try {
            source.publish(to, letter);
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
        return "mqtt inbound " + subscription.filter() + " (" + settings.url() + ")";
    }
}
