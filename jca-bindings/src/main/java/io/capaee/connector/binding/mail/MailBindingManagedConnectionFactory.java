// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import io.capaee.api.binding.MailBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.BindingException;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import jakarta.mail.Session;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The {@code mail} output binding: sends mail through the server's Jakarta Mail session, a
 * {@code <mailSession jndiName="...">} of Liberty's {@code mail-2.1} feature, so the SMTP host, port,
 * credentials and TLS are configured where Liberty configures mail for every application, and this
 * binding adds only who may be written to and the default sender. The session is looked up on first
 * use (a server without mail pays nothing).
 */
@ConnectionDefinition(
        connectionFactory = MailBindingFactory.class,
        connectionFactoryImpl = MailBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class MailBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "mail/capa", description = "JNDI name of the <mailSession> to send through")
    private String mailSession = "mail/capa";

    @ConfigProperty(description = "Sender when the request names none; empty: the mail session's 'from'")
    private String from = "";

    @ConfigProperty(description = "Addresses a caller may send to, comma separated, * for any characters"
            + " (e.g. *@example.com); empty: any")
    private String allowedRecipients = "";

    @Override
    protected void validate() {
        required("mailSession", mailSession);
        RecipientAllowList.of(allowedRecipients);
    }

    @Override
    protected BindingTransport openBackend() {
        String name = required("mailSession", mailSession);
        Object found;
        try {
            found = InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new BindingException("no mail session '" + name + "': configure <mailSession jndiName=\"" + name
                    + "\"> in server.xml (feature mail-2.1): " + e.getMessage(), e);
        }
        if (!(found instanceof Session session)) {
            throw new BindingException("'" + name + "' is not a Jakarta Mail session but "
                    + (found == null ? "null" : found.getClass().getName()));
        }
        return new MailTransport(session, from, RecipientAllowList.of(allowedRecipients), describe());
    }

    @Override
    public String describe() {
        return "mail " + mailSession;
    }

    public String getMailSession() {
        return mailSession;
    }

    public void setMailSession(String mailSession) {
        this.mailSession = mailSession;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getAllowedRecipients() {
        return allowedRecipients;
    }

    public void setAllowedRecipients(String allowedRecipients) {
        this.allowedRecipients = allowedRecipients;
    }
}
