// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.capaee.api.inbound.NatsListener;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundEndpoint;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;

/** Feeds a {@link NatsListener} bean from a NATS subject (wildcards allowed), optionally in a queue group. */
@Activation(messageListeners = NatsListener.class)
public class NatsActivationSpec extends NatsConnectedActivationSpec {

    @ConfigProperty(description = "Queue group: servers sharing it share the messages; empty for none")
    private String queueGroup = "";

    @Override
    protected void validateSource() {
        settings();
        subject();
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        return new NatsInboundEndpoint(settings(), subject(), queueGroup == null ? "" : queueGroup.strip(),
                deadLetterSubject(), getTarget(), policy(),
                invoker);
    }

    @Override
    public String describe() {
        return "nats " + getSubject() + (queueGroup == null || queueGroup.isBlank() ? "" : " (queue " + queueGroup + ")");
    }

    public String getQueueGroup() {
        return queueGroup;
    }

    public void setQueueGroup(String queueGroup) {
        this.queueGroup = queueGroup;
    }
}
