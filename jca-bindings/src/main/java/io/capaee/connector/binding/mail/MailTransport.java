// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.binding.BindingTransport;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends mail through a Jakarta Mail {@link Session} (the server's {@code <mailSession>}): operation
 * {@code create}, with the recipients and subject in the metadata (Dapr's SMTP binding names:
 * {@code emailTo}, {@code emailCC}, {@code emailBCC}, {@code emailFrom}, {@code subject}; or
 * {@code to}, {@code cc}, {@code bcc}, {@code from}) and the body in the data ({@link MailContent}).
 * Every recipient must be allowed by {@code allowedRecipients}. Thread-safe: a message is built and
 * sent per call, and the session is Jakarta Mail's, which is.
 */
final class MailTransport implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("create");

    private final Session session;
    private final String defaultFrom;
    private final RecipientAllowList allowed;
    private final String describe;
    private volatile boolean closed;

    MailTransport(Session session, String defaultFrom, RecipientAllowList allowed, String describe) {
        this.session = session;
        this.defaultFrom = defaultFrom;
        this.allowed = allowed;
        this.describe = describe;
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        MimeMessage message = message(request);
        try {
            Transport.send(message);
            return BindingResponse.empty(Map.of("messageId", String.valueOf(message.getMessageID())));
        } catch (SendFailedException e) {
            throw new OutputBindingException(Reason.FAILED, "the mail server refused the message: " + e.getMessage(), e);
        } catch (MessagingException e) {
            Reason reason = unreachable(e) ? Reason.UNAVAILABLE : Reason.FAILED;
            throw new OutputBindingException(reason, "sending mail through " + describe + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean unreachable(MessagingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().equals("MailConnectException")) {
                return true;
            }
        }
        return false;
    }

    MimeMessage message(BindingRequest request) {
        List<InternetAddress> to = addresses(request, "emailTo", "to");
        List<InternetAddress> cc = addresses(request, "emailCC", "cc");
        List<InternetAddress> bcc = addresses(request, "emailBCC", "bcc");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw bad("operation 'create' needs recipients: metadata 'emailTo' (or 'to'), 'emailCC', 'emailBCC'");
        }
        String subject = metadata(request, "subject", "subject");
        if (subject != null && (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0)) {
            throw bad("metadata 'subject' must be one line");
        }
        String from = metadata(request, "emailFrom", "from");
        MailContent content = MailContent.parse(request.data(), request.metadata("contentType"));
        try {
            MimeMessage message = new MimeMessage(session);
            if (from != null) {
                message.setFrom(parse("emailFrom", from).get(0));
            } else if (defaultFrom != null && !defaultFrom.isBlank()) {
                message.setFrom(new InternetAddress(defaultFrom));
            } else {
                message.setFrom(); // the session's mail.from
            }
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            message.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
            message.setRecipients(Message.RecipientType.BCC, bcc.toArray(InternetAddress[]::new));
            message.setSubject(subject == null ? "" : subject, "UTF-8");
            body(message, content);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw bad("the mail cannot be built: " + e.getMessage());
        }
    }

    private static void body(MimeMessage message, MailContent content) throws MessagingException {
        boolean both = content.text() != null && content.html() != null;
        if (content.attachments().isEmpty() && !both) {
            if (content.html() != null) {
                message.setText(content.html(), "UTF-8", "html");
            } else {
                message.setText(content.text() == null ? "" : content.text(), "UTF-8");
            }
            return;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (content.text() != null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), "UTF-8");
            alternative.addBodyPart(text);
        }
        if (content.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), "UTF-8", "html");
            alternative.addBodyPart(html);
        }
        if (content.attachments().isEmpty()) {
            message.setContent(alternative);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        if (alternative.getCount() > 0) {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
        }
        for (MailContent.Attachment attachment : content.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.data(), attachment.contentType())));
            part.setFileName(attachment.filename());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
    }

    private List<InternetAddress> addresses(BindingRequest request, String daprKey, String shortKey) {
        String value = metadata(request, daprKey, shortKey);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<InternetAddress> parsed = parse(daprKey, value.replace(';', ','));
        for (InternetAddress address : parsed) {
            if (!allowed.allows(address.getAddress())) {
                throw new OutputBindingException(Reason.FORBIDDEN, "recipient " + address.getAddress()
                        + " is not allowed by this binding's allowedRecipients (" + allowed.text() + ")");
            }
        }
        return parsed;
    }

    private static List<InternetAddress> parse(String key, String value) {
        try {
            List<InternetAddress> result = new ArrayList<>(List.of(InternetAddress.parse(value, true)));
            for (InternetAddress address : result) {
                address.validate();
            }
            return result;
        } catch (AddressException e) {
            throw bad("metadata '" + key + "' is not a list of mail addresses: " + e.getMessage());
        }
    }

    private static String metadata(BindingRequest request, String daprKey, String shortKey) {
        String value = request.metadata(daprKey);
        return value != null ? value : request.metadata(shortKey);
    }

    private static OutputBindingException bad(String message) {
        return new OutputBindingException(Reason.BAD_REQUEST, message);
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public void check() {
        try (Transport transport = session.getTransport()) {
            transport.connect();
        } catch (MessagingException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true; // the session is the server's: nothing of ours to close
    }
}
