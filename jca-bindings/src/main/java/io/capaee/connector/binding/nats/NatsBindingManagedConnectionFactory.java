// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.nats;

import io.capaee.api.binding.NatsBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.nats.NatsManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

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
public class NatsBindingManagedConnectionFactory extends NatsManagedConnectionFactory<BindingTransport> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "Subject messages go to unless the request's metadata names one (metadata 'subject')")
    private String subject = "";

    @ConfigProperty(defaultValue = "", description = "Subjects a caller may choose besides 'subject', comma separated;"
            + " NATS wildcards * and >; $JS., $SYS., _INBOX., $KV., $O. only when a pattern names them")
    private String allowedSubjects = "";

    @ConfigProperty(defaultValue = "false",
            description = "true: create publishes to JetStream and waits for the stream's acknowledgement")
    private Boolean jetStream = false;

    @Override
    protected void validate() {
        nats().settings();
        allowList();
    }

    private SubjectAllowList allowList() {
        return new SubjectAllowList("subject", "allowedSubjects", subject, allowedSubjects, SubjectAllowList.Namespace.NATS);
    }

    @Override
    protected BindingTransport openBackend() {
        return new NatsTransport(nats().settings(), subject == null ? "" : subject.strip(), allowList(), Boolean.TRUE.equals(jetStream));
    }

    @Override
    public String describe() {
        return (Boolean.TRUE.equals(jetStream) ? "nats jetstream " : "nats ") + getServers();
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
}
