// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.kafka;

import io.capaee.api.inbound.KafkaListener;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import io.capaee.connector.kafka.KafkaSettings;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import java.util.Arrays;
import java.util.List;

/** Feeds a {@link KafkaListener} bean from Kafka topics in a consumer group. */
@Activation(messageListeners = KafkaListener.class)
public class KafkaActivationSpec extends InboundActivationSpec {

    @ConfigProperty(defaultValue = KafkaSettings.BOOTSTRAP_SERVERS, description = KafkaSettings.BOOTSTRAP_SERVERS_HELP)
    private String bootstrapServers = KafkaSettings.BOOTSTRAP_SERVERS;

    @ConfigProperty(description = "Topics, comma separated")
    private String topics = "";

    @ConfigProperty(description = "Consumer group id; servers sharing it share the partitions")
    private String groupId = "";

    @ConfigProperty(defaultValue = "earliest", description = "Where a new group starts: earliest or latest")
    private String autoOffsetReset = "earliest";

    @ConfigProperty(defaultValue = "100", description = "Most records per poll (max.poll.records)")
    private Integer maxPollRecords = 100;

    @ConfigProperty(description = "Topic dead letters go to; empty: the record's topic + '.dlq'")
    private String deadLetterTopic = "";

    @Override
    protected void validateSource() {
        settings();
    }

    KafkaConsumerSettings settings() {
        List<String> topicList = Arrays.stream(required("topics", topics).split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        String reset = autoOffsetReset == null ? "earliest" : autoOffsetReset.strip();
        if (!reset.equals("earliest") && !reset.equals("latest")) {
            throw new InvalidConfigException("autoOffsetReset", "'" + autoOffsetReset + "' is not earliest or latest");
        }
        int maxRecords = required("maxPollRecords", maxPollRecords);
        if (maxRecords < 1) {
            throw new InvalidConfigException("maxPollRecords", maxRecords + " must be at least 1");
        }
        return new KafkaConsumerSettings(new KafkaSettings(bootstrapServers), topicList,
                required("groupId", groupId), reset, maxRecords, deadLetterTopic == null ? "" : deadLetterTopic.strip());
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        return new KafkaInboundEndpoint(settings(), getTarget(), policy(), invoker);
    }

    @Override
    public String describe() {
        return "kafka " + topics + " (group " + groupId + ")";
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getTopics() {
        return topics;
    }

    public void setTopics(String topics) {
        this.topics = topics;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getAutoOffsetReset() {
        return autoOffsetReset;
    }

    public void setAutoOffsetReset(String autoOffsetReset) {
        this.autoOffsetReset = autoOffsetReset;
    }

    public Integer getMaxPollRecords() {
        return maxPollRecords;
    }

    public void setMaxPollRecords(Integer maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }
}
