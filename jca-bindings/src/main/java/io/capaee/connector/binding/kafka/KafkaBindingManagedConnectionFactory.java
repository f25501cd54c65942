// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.kafka;

import io.capaee.api.binding.KafkaBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.kafka.KafkaSettings;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.util.Set;

/**
 * The {@code kafka} output binding: operation {@code create} produces one record and returns
 * when the broker acknowledged it (per {@code acks}). The producer is created on first use and
 * reconnects on its own after a broker outage. A caller may name another topic in the metadata only
 * when {@code allowedTopics} allows it (so that it cannot write into, say, the topic feeding the input
 * bindings).
 */
@ConnectionDefinition(
        connectionFactory = KafkaBindingFactory.class,
        connectionFactoryImpl = KafkaBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class KafkaBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;
    private static final Set<String> ACKS = Set.of("all", "-1", "0", "1");

    @ConfigProperty(defaultValue = KafkaSettings.BOOTSTRAP_SERVERS, description = KafkaSettings.BOOTSTRAP_SERVERS_HELP)
    private String bootstrapServers = KafkaSettings.BOOTSTRAP_SERVERS;

    @ConfigProperty(description = "Topic records go to unless the request's metadata names one (metadata 'topic')")
    private String topic = "";

    @ConfigProperty(defaultValue = "", description = "Topics a caller may choose besides 'topic', comma separated;"
            + " NATS-style wildcards over '.'-separated tokens (* one token, > the rest); __ topics only when named")
    private String allowedTopics = "";

    @ConfigProperty(defaultValue = "all", description = "Producer acknowledgements: all, 1 or 0")
    private String acks = "all";

    @ConfigProperty(defaultValue = "5", description = "Producer linger.ms: how long to wait to fill a batch")
    private Integer lingerMillis = 5;

    @ConfigProperty(defaultValue = "65536", description = "Producer batch.size in bytes")
    private Integer batchBytes = 65536;

    @ConfigProperty(defaultValue = "30000",
            description = "How long create waits for the broker's acknowledgement, in milliseconds;"
                    + " also the producer's delivery.timeout.ms")
    private Integer timeoutMillis = 30000;

    @Override
    protected void validate() {
        settings();
        allowList();
    }

    private SubjectAllowList allowList() {
        return new SubjectAllowList("topic", "allowedTopics", topic, allowedTopics, SubjectAllowList.Namespace.KAFKA);
    }

    KafkaProducerSettings settings() {
        KafkaSettings kafka = new KafkaSettings(bootstrapServers);
        String ack = acks == null ? "all" : acks.strip();
        if (!ACKS.contains(ack)) {
            throw new InvalidConfigException("acks", "'" + acks + "' is not one of all, 1, 0");
        }
        return new KafkaProducerSettings(kafka, topic == null ? "" : topic.strip(), ack,
                required("lingerMillis", lingerMillis, 0), required("batchBytes", batchBytes, 1),
                required("timeoutMillis", timeoutMillis, 1));
    }

    @Override
    protected BindingTransport openBackend() {
        return new KafkaProducerTransport(settings(), allowList());
    }

    @Override
    public String describe() {
        return "kafka " + bootstrapServers + (topic == null || topic.isBlank() ? "" : " topic " + topic);
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
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

    public String getAcks() {
        return acks;
    }

    public void setAcks(String acks) {
        this.acks = acks;
    }

    public Integer getLingerMillis() {
        return lingerMillis;
    }

    public void setLingerMillis(Integer lingerMillis) {
        this.lingerMillis = lingerMillis;
    }

    public Integer getBatchBytes() {
        return batchBytes;
    }

    public void setBatchBytes(Integer batchBytes) {
        this.batchBytes = batchBytes;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }
}
