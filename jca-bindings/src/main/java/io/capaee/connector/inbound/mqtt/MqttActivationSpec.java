// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.mqtt;

import io.capaee.api.inbound.MqttListener;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.ServerId;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import io.capaee.connector.mqtt.MqttClients;
import io.capaee.connector.mqtt.MqttSettings;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;

/** Feeds a {@link MqttListener} bean from an MQTT topic filter, optionally through a shared subscription. */
@Activation(messageListeners = MqttListener.class)
public class MqttActivationSpec extends InboundActivationSpec {

    @ConfigProperty(defaultValue = MqttSettings.URL, description = MqttSettings.URL_HELP)
    private String url = MqttSettings.URL;

    @ConfigProperty(defaultValue = "", description = MqttSettings.USERNAME_HELP)
    private String username = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = MqttSettings.PASSWORD_HELP)
    private String password = "";

    @ConfigProperty(defaultValue = MqttSettings.TIMEOUT_MILLIS,
            description = "Connect timeout, and how long a dead letter waits for the broker, in ms")
    private Integer timeoutMillis = Integer.valueOf(MqttSettings.TIMEOUT_MILLIS);

    @ConfigProperty(description = "Topic filter; MQTT wildcards + and # allowed")
    private String topic = "";

    @ConfigProperty(defaultValue = "", description = "Shared subscription group: servers sharing it share the messages;"
            + " empty for none (every server gets every message)")
    private String group = "";

    @ConfigProperty(defaultValue = "", description = "Client id of the durable session; empty: capa-ee-<server id>-<hash of"
            + " topic and group>, the same across restarts of this server")
    private String clientId = "";

    @ConfigProperty(defaultValue = "1", description = "Quality of service of the subscription: 1 or 2 (at least once);"
            + " 0 (at most once) cannot be delivered again")
    private Integer qos = 1;

    @ConfigProperty(defaultValue = "", description = "Topic dead letters are published to; empty: dlq/<the message's topic>")
    private String deadLetterTopic = "";

    @Override
    protected void validateSource() {
        settings();
        topic();
        MqttSettings.qos("qos", qos);
        if (group != null && !group.isBlank() && (group.contains("/") || group.contains("+") || group.contains("#"))) {
            throw new InvalidConfigException("group", "'" + group + "' must not contain /, + or #");
        }
        if (deadLetterTopic != null && (deadLetterTopic.contains("+") || deadLetterTopic.contains("#"))) {
            throw new InvalidConfigException("deadLetterTopic", "'" + deadLetterTopic + "' must not contain wildcards");
        }
    }

    private MqttSettings settings() {
        return new MqttSettings(url, username, password, required("timeoutMillis", timeoutMillis));
    }

    private String topic() {
        String filter = required("topic", topic);
        if (filter.startsWith("$share/")) {
            throw new InvalidConfigException("topic", "'" + filter + "': set the shared subscription's group in 'group'");
        }
        return filter;
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        String shareGroup = group == null ? "" : group.strip();
        return new MqttInboundEndpoint(settings(), new MqttInboundEndpoint.Subscription(topic(), shareGroup,
                MqttSettings.qos("qos", qos), clientId(shareGroup), deadLetterTopic == null ? "" : deadLetterTopic.strip()),
                getTarget(), policy(), invoker);
    }

    /**
     * The durable session's id: given, or derived from this server's id and the subscription, so that a
     * restarted server resumes its session (and gets what it had not acknowledged) while two servers
     * never take each other's.
     */
    private String clientId(String shareGroup) {
        if (clientId != null && !clientId.isBlank()) {
            return clientId.strip();
        }
        return MqttClients.clientId("capa-ee-" + ServerId.of(getResourceAdapter()), topic(), shareGroup);
    }

    @Override
    public String describe() {
        return "mqtt " + topic + (group == null || group.isBlank() ? "" : " (group " + group + ")");
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Integer getQos() {
        return qos;
    }

    public void setQos(Integer qos) {
        this.qos = qos;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }
}
