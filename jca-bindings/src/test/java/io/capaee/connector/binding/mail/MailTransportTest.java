// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mail binding's transport against a real SMTP server (GreenMail) on loopback. */
class MailTransportTest {
    private GreenMail smtp;
    private MailTransport mail;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        mail = new MailTransport(session(smtp.getSmtp().getPort()), "capa@capa.test",
                RecipientAllowList.of("*@capa.test, boss@example.org"), "mail test");
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private static Session session(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "2000");
        props.put("mail.smtp.timeout", "2000");
        return Session.getInstance(props);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static BindingRequest create(String data, Map<String, String> metadata) {
        return new BindingRequest("create", data.getBytes(StandardCharsets.UTF_8), metadata);
    }

    @Test
    void aPlainBodyIsSentAsTextToEveryRecipient() throws Exception {
        mail.invoke(create("Hello from Capa", Map.of("emailTo", "a@capa.test, b@capa.test", "emailCC", "c@capa.test",
                "emailBCC", "hidden@capa.test", "subject", "Greetings ✓")));
        assertTrue(smtp.waitForIncomingEmail(5000, 4));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(4, received.length, "one copy per recipient, the bcc included");
        MimeMessage first = received[0];
        assertEquals("Greetings ✓", first.getSubject());
        assertEquals("capa@capa.test", first.getFrom()[0].toString());
        assertEquals(2, first.getRecipients(Message.RecipientType.TO).length);
        assertEquals("c@capa.test", first.getRecipients(Message.RecipientType.CC)[0].toString());
        assertEquals(null, first.getHeader("Bcc"), "bcc is not in the headers");
        assertTrue(first.isMimeType("text/plain"));
        assertEquals("Hello from Capa", ((String) first.getContent()).strip());
    }

    @Test
    void contentTypeHtmlSendsTheBodyAsHtml() throws Exception {
        mail.invoke(create("<p>Hi</p>", Map.of("to", "a@capa.test", "subject", "html", "contentType", "text/html")));
        assertTrue(smtp.waitForIncomingEmail(5000, 1));
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertTrue(received.isMimeType("text/html"), received.getContentType());
        assertEquals("<p>Hi</p>", ((String) received.getContent()).strip());
    }

    @Test
    void aStructuredBodyCarriesTextHtmlAndAttachments() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, 1, 2, (byte) 0xff};
        String data = "{\"text\":\"plain\",\"html\":\"<b>rich</b>\",\"attachments\":["
                + "{\"filename\":\"report.pdf\",\"contentType\":\"application/pdf\",\"data\":\""
                + Base64.getEncoder().encodeToString(pdf) + "\"},"
                + "{\"filename\":\"notes.txt\",\"contentType\":\"text/plain\",\"data\":\""
                + Base64.getEncoder().encodeToString("notes".getBytes(StandardCharsets.UTF_8)) + "\"}]}";
        mail.invoke(create(data, Map.of("emailTo", "a@capa.test", "subject", "report", "emailFrom", "reports@capa.test")));
        assertTrue(smtp.waitForIncomingEmail(5000, 1));
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertEquals("reports@capa.test", received.getFrom()[0].toString());
        assertTrue(received.isMimeType("multipart/mixed"), received.getContentType());
        Multipart mixed = (Multipart) received.getContent();
        assertEquals(3, mixed.getCount());
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertEquals("plain", ((String) alternative.getBodyPart(0).getContent()).strip());
        assertEquals("<b>rich</b>", ((String) alternative.getBodyPart(1).getContent()).strip());
        List<BodyPart> attachments = new ArrayList<>();
        for (int i = 1; i < mixed.getCount(); i++) {
            attachments.add(mixed.getBodyPart(i));
        }
        assertEquals("report.pdf", attachments.get(0).getFileName());
        assertEquals(Part.ATTACHMENT, attachments.get(0).getDisposition());
        assertTrue(attachments.get(0).isMimeType("application/pdf"));
        try (InputStream in = attachments.get(0).getInputStream()) {
            assertArrayEquals(pdf, in.readAllBytes());
        }
        assertEquals("notes.txt", attachments.get(1).getFileName());
    }

    @Test
    void aJsonBodyWithOtherKeysIsSentAsItIs() throws Exception {
        mail.invoke(create("{\"order\":42}", Map.of("to", "a@capa.test")));
        assertTrue(smtp.waitForIncomingEmail(5000, 1));
        assertEquals("{\"order\":42}", ((String) smtp.getReceivedMessages()[0].getContent()).strip());
    }

    @Test
    void aRecipientOutsideTheAllowListIsForbiddenAndNothingIsSent() {
        OutputBindingException e = assertThrows(OutputBindingException.class,
                () -> mail.invoke(create("x", Map.of("to", "a@capa.test", "bcc", "someone@elsewhere.example"))));
        assertEquals(Reason.FORBIDDEN, e.reason());
        assertTrue(e.getMessage().contains("someone@elsewhere.example"), e.getMessage());
        mail.invoke(create("x", Map.of("to", "Boss@Example.org")));
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong() {
        assertBad(create("x", Map.of("subject", "no one")), "recipients");
        assertBad(create("x", Map.of("to", "not an address")), "emailTo");
        assertBad(create("x", Map.of("to", "a@capa.test", "subject", "two\r\nBcc: x@evil.example")), "subject");
        assertBad(create("{\"text\":\"t\",\"attachments\":[{\"filename\":\"a\",\"data\":\"***\"}]}",
                Map.of("to", "a@capa.test")), "base64");
        assertBad(create("{\"text\":\"t\",\"attachments\":[{\"filename\":\"../a\",\"data\":\"AA==\"}]}",
                Map.of("to", "a@capa.test")), "filename");
        assertBad(create("{\"text\":\"t\",\"attachments\":{}}", Map.of("to", "a@capa.test")), "attachments");
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    private void assertBad(BindingRequest request, String named) {
        OutputBindingException e = assertThrows(OutputBindingException.class, () -> mail.invoke(request));
        assertEquals(Reason.BAD_REQUEST, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void anSmtpServerThatIsDownIsUnavailable() throws Exception {
        MailTransport down = new MailTransport(session(freePort()), "capa@capa.test", RecipientAllowList.of(""), "down");
        OutputBindingException e = assertThrows(OutputBindingException.class,
                () -> down.invoke(create("x", Map.of("to", "a@capa.test"))));
        assertEquals(Reason.UNAVAILABLE, e.reason(), e.getMessage());
        assertEquals(Reason.UNAVAILABLE, assertThrows(OutputBindingException.class, down::check).reason());
        mail.check();
    }
}
