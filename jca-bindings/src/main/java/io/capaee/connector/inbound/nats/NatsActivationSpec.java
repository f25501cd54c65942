// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.capaee.api.inbound.NatsListener;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundEndpoint;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/** Feeds a {@link NatsListener} bean from a NATS subject (wildcards allowed), optionally in a queue group. */
@Activation(messageListeners = NatsListener.class)
public class NatsActivationSpec extends NatsConnectedActivationSpec {

    @ConfigProperty(description = "Subject to subscribe to; wildcards * and > allowed")
    private String subject = "";

    @ConfigProperty(description = "Queue group: servers sharing it share the messages; empty for none")
    private String queueGroup = "";

    @ConfigProperty(description = "Where dead letters go; empty: 'dlq.' + the message's subject")
    private String deadLetterSubject = "";

    @Override
    protected void validateSource() {
        settings();
        required("subject", subject);
    }

    @Override
    protected InboundEndpoint createEndpoint(MessageEndpointFactory factory) {
        return new NatsInboundEndpoint(settings(), subject.strip(), queueGroup == null ? "" : queueGroup.strip(),
                deadLetterSubject == null ? "" : deadLetterSubject.strip(), getTarget(), policy(),
                new EndpointInvoker(factory));
    }

    @Override
    public String describe() {
        return "nats " + subject + (queueGroup == null || queueGroup.isBlank() ? "" : " (queue " + queueGroup + ")");
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getQueueGroup() {
        return queueGroup;
    }

    public void setQueueGroup(String queueGroup) {
        this.queueGroup = queueGroup;
    }

    public String getDeadLetterSubject() {
        return deadLetterSubject;
    }

    public void setDeadLetterSubject(String deadLetterSubject) {
        this.deadLetterSubject = deadLetterSubject;
    }
}
