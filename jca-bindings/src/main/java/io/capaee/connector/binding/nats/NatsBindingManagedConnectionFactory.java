// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.nats;

import io.capaee.api.binding.NatsBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.binding.BindingConnectionFactory;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.binding.SubjectAllowList;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;

/**
 * The {@code nats} output binding: NATS core ({@code create} publishes and waits for the server's
 * round trip; {@code request} does request-reply) or, with {@code jetStream=true}, JetStream
 * ({@code create} publishes and waits for the stream's acknowledgement). A caller may name another
 * subject in the metadata only when {@code allowedSubjects} allows it.
 */
@ConnectionDefinition(
        connectionFactory = NatsBindingFactory.class,
        connectionFactoryImpl = NatsBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class NatsBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "nats://127.0.0.1:4222", description = "NATS server URLs, comma separated")
    private String servers = "nats://127.0.0.1:4222";

    @ConfigProperty(description = "Subject messages go to unless the request's metadata names one (metadata 'subject')")
    private String subject = "";

    @ConfigProperty(defaultValue = "", description = "Subjects a caller may choose besides 'subject', comma separated;"
            + " NATS wildcards * and >; $JS., $SYS., _INBOX., $KV., $O. only when a pattern names them")
    private String allowedSubjects = "";

    @ConfigProperty(defaultValue = "false",
            description = "true: create publishes to JetStream and waits for the stream's acknowledgement")
    private Boolean jetStream = false;

    @ConfigProperty(defaultValue = "5000", description = "Connect, publish-acknowledgement and request timeout in milliseconds")
    private Integer timeoutMillis = 5000;

    @ConfigProperty(defaultValue = "", confidential = true, description = "NATS authentication token; empty for none")
    private String token = "";

    @Override
    protected void validate() {
        settings();
        allowList();
    }

    private SubjectAllowList allowList() {
        return new SubjectAllowList("subject", "allowedSubjects", subject, allowedSubjects, SubjectAllowList.NATS_RESERVED);
    }

    private NatsSettings settings() {
        return new NatsSettings(servers, token, required("timeoutMillis", timeoutMillis, 1));
    }

    @Override
    protected BindingTransport openTransport() {
        return new NatsTransport(settings(), subject == null ? "" : subject.strip(), allowList(), Boolean.TRUE.equals(jetStream));
    }

    @Override
    protected BindingConnectionFactory newConnectionFactory(ConnectionManager manager) {
        return new NatsBindingConnectionFactory(this, manager);
    }

    @Override
    public String describe() {
        return (Boolean.TRUE.equals(jetStream) ? "nats jetstream " : "nats ") + servers;
    }

    public String getServers() {
        return servers;
    }

    public void setServers(String servers) {
        this.servers = servers;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getAllowedSubjects() {
        return allowedSubjects;
    }

    public void setAllowedSubjects(String allowedSubjects) {
        this.allowedSubjects = allowedSubjects;
    }

    public Boolean getJetStream() {
        return jetStream;
    }

    public void setJetStream(Boolean jetStream) {
        this.jetStream = jetStream;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
