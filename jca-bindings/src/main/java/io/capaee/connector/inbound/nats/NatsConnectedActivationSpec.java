// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.nats.NatsProperties;
import io.capaee.connector.nats.NatsSettings;
import jakarta.resource.spi.ConfigProperty;

/**
 * Base of the activation specs that read from NATS (core and JetStream): the NATS connection
 * properties {@code servers}, {@code token} and {@code timeoutMillis}, the {@code subject} read and
 * the {@code deadLetterSubject}.
 */
public abstract class NatsConnectedActivationSpec extends InboundActivationSpec {
    private final NatsProperties nats = new NatsProperties();

    @ConfigProperty(description = "Subject to subscribe to; wildcards * and > allowed (JetStream: the consumer's"
            + " filter, within the stream's subjects)")
    private String subject = "";

    @ConfigProperty(description = "Where dead letters go; empty: 'dlq.' + the message's subject")
    private String deadLetterSubject = "";

    /** The checked connection settings; a bad value throws naming its property. */
    protected final NatsSettings settings() {
        return nats.settings();
    }

    /** The subject read; required. */
    protected final String subject() {
        return required("subject", subject);
    }

    /** The configured dead-letter subject, or empty for {@code dlq.<subject>}. */
    protected final String deadLetterSubject() {
        return deadLetterSubject == null ? "" : deadLetterSubject.strip();
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getDeadLetterSubject() {
        return deadLetterSubject;
    }

    public void setDeadLetterSubject(String deadLetterSubject) {
        this.deadLetterSubject = deadLetterSubject;
    }

    @ConfigProperty(defaultValue = NatsProperties.SERVERS, description = NatsProperties.SERVERS_HELP)
    public void setServers(String servers) {
        nats.setServers(servers);
    }

    public String getServers() {
        return nats.getServers();
    }

    @ConfigProperty(defaultValue = NatsProperties.TIMEOUT_MILLIS, description = NatsProperties.TIMEOUT_HELP)
    public void setTimeoutMillis(Integer timeoutMillis) {
        nats.setTimeoutMillis(timeoutMillis);
    }

    public Integer getTimeoutMillis() {
        return nats.getTimeoutMillis();
    }

    @ConfigProperty(defaultValue = "", confidential = true, description = NatsProperties.TOKEN_HELP)
    public void setToken(String token) {
        nats.setToken(token);
    }

    public String getToken() {
        return nats.getToken();
    }
}
