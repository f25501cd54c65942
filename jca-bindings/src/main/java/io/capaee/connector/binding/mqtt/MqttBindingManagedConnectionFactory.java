// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mqtt;

import io.capaee.api.binding.MqttBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.mqtt.MqttSettings;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * The {@code mqtt} output binding (MQTT 5): {@code create} publishes to {@code topic} with quality of
 * service {@code qos} and waits for the broker's acknowledgement. A caller may name another topic in
 * the metadata only when {@code allowedTopics} allows it.
 */
@ConnectionDefinition(
        connectionFactory = MqttBindingFactory.class,
        connectionFactoryImpl = MqttBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class MqttBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = MqttSettings.URL, description = MqttSettings.URL_HELP)
    private String url = MqttSettings.URL;

    @ConfigProperty(defaultValue = "", description = MqttSettings.USERNAME_HELP)
    private String username = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = MqttSettings.PASSWORD_HELP)
    private String password = "";

    @ConfigProperty(defaultValue = MqttSettings.TIMEOUT_MILLIS,
            description = "Connect timeout, and how long a publish waits for the broker, in ms")
    private Integer timeoutMillis = Integer.valueOf(MqttSettings.TIMEOUT_MILLIS);

    @ConfigProperty(description = "Topic messages go to unless the request's metadata names one (metadata 'topic')")
    private String topic = "";

    @ConfigProperty(defaultValue = "", description = "Topics a caller may choose besides 'topic', comma separated;"
            + " MQTT wildcards + and #; $ topics only when a pattern names them")
    private String allowedTopics = "";

    @ConfigProperty(defaultValue = "1", description = "Quality of service: 0 (at most once), 1 (at least once), 2 (exactly once)")
    private Integer qos = 1;

    @ConfigProperty(defaultValue = "false", description = "true: the broker keeps the last message of the topic for new subscribers")
    private Boolean retain = false;

    @Override
    protected void validate() {
        settings();
        MqttSettings.qos("qos", qos);
        allowList();
    }

    private MqttSettings settings() {
        return new MqttSettings(url, username, password, required("timeoutMillis", timeoutMillis, 1));
    }

    private SubjectAllowList allowList() {
        return new SubjectAllowList("topic", "allowedTopics", topic, allowedTopics, SubjectAllowList.Namespace.MQTT);
    }

    @Override
    protected BindingTransport openBackend() {
        return new MqttTransport(settings(), topic == null ? "" : topic.strip(), allowList(), MqttSettings.qos("qos", qos),
                Boolean.TRUE.equals(retain));
    }

    @Override
    public String describe() {
        return "mqtt " + url;
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

    public String getAllowedTopics() {
        return allowedTopics;
    }

    public void setAllowedTopics(String allowedTopics) {
        this.allowedTopics = allowedTopics;
    }

    public Integer getQos() {
        return qos;
    }

    public void setQos(Integer qos) {
        this.qos = qos;
    }

    public Boolean getRetain() {
        return retain;
    }

    public void setRetain(Boolean retain) {
        this.retain = retain;
    }
}
