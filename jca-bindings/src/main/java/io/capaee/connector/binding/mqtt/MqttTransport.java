// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mqtt;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.mqtt.MqttClients;
import io.capaee.connector.mqtt.MqttPublisher;
import io.capaee.connector.mqtt.MqttSettings;
import io.capaee.connector.outbound.SharedBackendBase;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Operation {@code create}: publishes with the binding's quality of service and returns once the
 * broker acknowledged (QoS 1 and 2; QoS 0 once written). Metadata {@code topic} overrides the
 * binding's topic when the allow-list lets it, {@code retain} ({@code true}/{@code false})
 * overrides its retain flag; every other entry becomes an MQTT 5 user property.
 */
final class MqttTransport extends SharedBackendBase implements BindingTransport {
    private final MqttSettings settings;
    private final String topic;
    private final SubjectAllowList allowed;
    private final int qos;
    private final boolean retain;
    private final MqttPublisher client;

    MqttTransport(MqttSettings settings, String topic, SubjectAllowList allowed, int qos, boolean retain) {
        this.settings = settings;
        this.topic = topic;
        this.allowed = allowed;
        this.qos = qos;
        this.retain = retain;
        try {
            // a fresh id per transport: two servers (or two factories) must not take each other's connection
            this.client = MqttClients.publisher(settings, "capa-ee-binding-" + UUID.randomUUID());
        } catch (MqttException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "cannot connect to MQTT " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        String target = request.metadata("topic") != null ? request.metadata("topic") : topic;
        if (target.isEmpty()) {
            throw new OutputBindingException(Reason.BAD_REQUEST,
                    "the binding has no topic configured: give the metadata 'topic'");
        }
        if (!target.equals(topic)) {
            checkPublishTopic(target);
            allowed.check(target);
        }
        boolean retained = retain;
        String retainValue = request.metadata("retain");
        if (retainValue != null) {
            if (!retainValue.equals("true") && !retainValue.equals("false")) {
                throw new OutputBindingException(Reason.BAD_REQUEST, "metadata 'retain' is '" + retainValue
                        + "': true or false");
            }
            retained = retainValue.equals("true");
        }
        Map<String, String> headers = new HashMap<>(request.metadata());
        headers.remove("topic");
        headers.remove("retain");
        try {
            client.publish(target, MqttClients.message(request.data(), qos, retained, headers));
        } catch (MqttException e) {
            Reason reason = client.isConnected() ? Reason.FAILED : Reason.UNAVAILABLE;
            throw new OutputBindingException(reason, "MQTT publish to " + target + " failed: " + e.getMessage(), e);
        }
        return BindingResponse.empty(Map.of("topic", target));
    }

    /** A topic one can publish to: not empty, no wildcards, no NUL. */
    private static void checkPublishTopic(String target) {
        if (!MqttClients.isPublishTopic(target)) {
            throw new OutputBindingException(Reason.BAD_REQUEST, "metadata 'topic' '" + target
                    + "' is not a topic to publish to (no wildcards + or #)");
        }
    }

    @Override
    public void check() {
        if (!client.isConnected()) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "MQTT " + settings.url() + " is not connected");
        }
    }

    @Override
    public Set<String> operations() {
        return Set.of("create");
    }

    @Override
    public String describe() {
        return "mqtt " + settings.url();
    }

    @Override
    protected void release() {
        client.close();
    }
}
