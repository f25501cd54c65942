// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.redis;

import io.capaee.api.inbound.RedisStreamListener;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.ServerId;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.RedisConnectedActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;

/** Feeds a {@link RedisStreamListener} bean from a Redis stream through a consumer group. */
@Activation(messageListeners = RedisStreamListener.class)
public class RedisStreamActivationSpec extends RedisConnectedActivationSpec {


    @ConfigProperty(description = "Stream key")
    private String stream = "";

    @ConfigProperty(description = "Consumer group (created at the stream's start when missing)")
    private String group = "";

    @ConfigProperty(description = "Consumer name inside the group, one per server; empty: capa-ee-<server id>")
    private String consumer = "";

    @ConfigProperty(defaultValue = "60000", description = "Entries another consumer of the group left unacknowledged"
            + " this long (milliseconds; its server died) are taken over; 0: never")
    private Integer claimIdleMillis = 60_000;

    @ConfigProperty(description = "Stream dead letters are added to; empty: the stream key + ':dlq'")
    private String deadLetterStream = "";

    public RedisStreamActivationSpec() {
        super(2); // one reader a turn, and a socket for dead letters
    }

    @Override
    protected void validateSource() {
        redisSettings();
        required("stream", stream);
        required("group", group);
        if (required("claimIdleMillis", claimIdleMillis) < 0) {
            throw new InvalidConfigException("claimIdleMillis", claimIdleMillis + " must be 0 (never) or more");
        }
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        String dlq = deadLetterStream == null || deadLetterStream.isBlank() ? stream.strip() + ":dlq" : deadLetterStream.strip();
        return new RedisStreamInboundEndpoint(redisSettings(), stream.strip(), group.strip(), consumer(), dlq,
                getTarget(), claimIdleMillis, policy(), invoker);
    }

    /**
     * The consumer's name: a server reads its own pending entries again after a restart or a failed
     * delivery, so two servers under one name would each deliver what the other one is delivering.
     */
    private String consumer() {
        return consumer == null || consumer.isBlank() ? "capa-ee-" + ServerId.of(getResourceAdapter()) : consumer.strip();
    }

    @Override
    public String describe() {
        return "redis stream " + stream + " (group " + group + ")";
    }

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumer() {
        return consumer;
    }

    public void setConsumer(String consumer) {
        this.consumer = consumer;
    }

    public Integer getClaimIdleMillis() {
        return claimIdleMillis;
    }

    public void setClaimIdleMillis(Integer claimIdleMillis) {
        this.claimIdleMillis = claimIdleMillis;
    }

    public String getDeadLetterStream() {
        return deadLetterStream;
    }

    public void setDeadLetterStream(String deadLetterStream) {
        this.deadLetterStream = deadLetterStream;
    }
}
