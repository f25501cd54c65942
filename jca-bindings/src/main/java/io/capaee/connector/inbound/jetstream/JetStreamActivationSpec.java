// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.jetstream;

import io.capaee.api.inbound.JetStreamListener;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundEndpoint;
import io.capaee.connector.inbound.nats.NatsConnectedActivationSpec;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;

/** Feeds a {@link JetStreamListener} bean from a JetStream stream through a durable pull consumer. */
@Activation(messageListeners = JetStreamListener.class)
public class JetStreamActivationSpec extends NatsConnectedActivationSpec {

    @ConfigProperty(description = "Stream name")
    private String stream = "";

    @ConfigProperty(description = "Durable consumer name: servers sharing it share the messages")
    private String durable = "";

    @ConfigProperty(defaultValue = "false",
            description = "true: create the stream (file storage, the subject only) when it does not exist")
    private Boolean createStream = false;

    @ConfigProperty(defaultValue = "30000",
            description = "Ack wait in milliseconds: an unacknowledged message is redelivered after it")
    private Integer ackWaitMillis = 30000;

    @Override
    protected void validateSource() {
        settings();
        required("stream", stream);
        subject();
        String name = required("durable", durable);
        if (name.contains(".") || name.contains("*") || name.contains(">") || name.contains(" ")) {
            throw new InvalidConfigException("durable", "'" + name + "' may not contain '.', '*', '>' or spaces");
        }
        if (required("ackWaitMillis", ackWaitMillis) < 1000) {
            throw new InvalidConfigException("ackWaitMillis", ackWaitMillis + " must be at least 1000");
        }
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        return new JetStreamInboundEndpoint(settings(), new JetStreamSource(stream.strip(), subject(),
                durable.strip(), Boolean.TRUE.equals(createStream), ackWaitMillis,
                deadLetterSubject()), getTarget(), policy(),
                invoker);
    }

    @Override
    public String describe() {
        return "jetstream " + stream + " " + getSubject() + " (durable " + durable + ")";
    }

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public String getDurable() {
        return durable;
    }

    public void setDurable(String durable) {
        this.durable = durable;
    }

    public Boolean getCreateStream() {
        return createStream;
    }

    public void setCreateStream(Boolean createStream) {
        this.createStream = createStream;
    }

    public Integer getAckWaitMillis() {
        return ackWaitMillis;
    }

    public void setAckWaitMillis(Integer ackWaitMillis) {
        this.ackWaitMillis = ackWaitMillis;
    }
}
