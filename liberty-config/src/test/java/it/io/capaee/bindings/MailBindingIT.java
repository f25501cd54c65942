// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import it.io.capaee.support.SharedResources;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The {@code mail} output binding of the test server (its {@code <mailSession>} points at
 * {@code smtp.port}) against a real SMTP server, GreenMail, that the test runs there.
 */
@ResourceLock(SharedResources.SMTP_PORT)
class MailBindingIT {
    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(Integer.parseInt(System.getProperty("smtp.port")), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private void restartSmtp() {
        smtp.stop();
        startSmtp();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aMailWithTextHtmlAndAttachmentsReachesEveryRecipient() throws Exception {
        byte[] image = new byte[3000];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 7);
        }
        String subject = "Report " + Sidecar.unique("mail");
        String json = "{\"operation\":\"create\",\"metadata\":{\"emailTo\":\"ops@capa.test\",\"emailCC\":\"lead@capa.test\","
                + "\"emailBCC\":\"audit@capa.test\",\"subject\":\"" + subject + "\",\"emailFrom\":\"reports@capa.test\"},"
                + "\"data\":{\"text\":\"See the chart.\",\"html\":\"<p>See the <b>chart</b>.</p>\",\"attachments\":["
                + "{\"filename\":\"chart.png\",\"contentType\":\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(image)
                + "\"},{\"filename\":\"data.csv\",\"contentType\":\"text/csv\",\"data\":\""
                + Base64.getEncoder().encodeToString("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)) + "\"}]}}";
        HttpResponse<String> sent = Sidecar.invoke("mail", json);
        assertEquals(204, sent.statusCode(), sent.body());
        assertTrue(sent.headers().firstValue("metadata.messageId").isPresent(), sent.headers().toString());

        assertTrue(smtp.waitForIncomingEmail(10_000, 3), "one copy each for to, cc and bcc");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(3, received.length);
        MimeMessage mail = received[0];
        assertEquals(subject, mail.getSubject());
        assertEquals("reports@capa.test", mail.getFrom()[0].toString());
        assertEquals("ops@capa.test", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("lead@capa.test", mail.getRecipients(Message.RecipientType.CC)[0].toString());
        assertEquals(null, mail.getHeader("Bcc"));
        // the bcc recipient is in no header: its own mailbox on the SMTP server has the copy
        GreenMailUser audit = smtp.getUserManager().getUserByEmail("audit@capa.test");
        assertEquals(1, smtp.getManagers().getImapHostManager().getInbox(audit).getMessageCount());

        Multipart mixed = (Multipart) mail.getContent();
        assertEquals(3, mixed.getCount());
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertEquals("See the chart.", ((String) alternative.getBodyPart(0).getContent()).strip());
        assertEquals("<p>See the <b>chart</b>.</p>", ((String) alternative.getBodyPart(1).getContent()).strip());
        Part chart = mixed.getBodyPart(1);
        assertEquals("chart.png", chart.getFileName());
        assertEquals(Part.ATTACHMENT, chart.getDisposition());
        try (InputStream in = chart.getInputStream()) {
            assertArrayEquals(image, in.readAllBytes());
        }
        Part csv = mixed.getBodyPart(2);
        assertEquals("data.csv", csv.getFileName());
        try (InputStream in = csv.getInputStream()) {
            assertEquals("a,b\n1,2\n", new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }

    @Test
    void aPlainDaprStyleBodyIsSentAsText() throws Exception {
        HttpResponse<String> sent = Sidecar.invoke("mail", "{\"operation\":\"create\",\"data\":\"Disk almost full\","
                + "\"metadata\":{\"emailTo\":\"ops@capa.test\",\"subject\":\"alert\"}}");
        assertEquals(204, sent.statusCode(), sent.body());
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertTrue(mail.isMimeType("text/plain"), mail.getContentType());
        assertEquals("Disk almost full", ((String) mail.getContent()).strip());
        assertEquals("capa-ee@localhost", mail.getFrom()[0].toString(), "the mail session's from");
    }

    @Test
    void aRecipientOutsideTheAllowListIs403AndBadRequestsAre400() throws Exception {
        HttpResponse<String> forbidden = Sidecar.invoke("mail", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"emailTo\":\"ops@capa.test\",\"emailBCC\":\"someone@elsewhere.example\"}}");
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertTrue(forbidden.body().contains("someone@elsewhere.example"), forbidden.body());
        HttpResponse<String> noRecipient = Sidecar.invoke("mail", "{\"operation\":\"create\",\"data\":\"x\"}");
        assertEquals(400, noRecipient.statusCode(), noRecipient.body());
        assertTrue(noRecipient.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        HttpResponse<String> badAttachment = Sidecar.invoke("mail", "{\"operation\":\"create\",\"metadata\":{\"to\":\"ops@capa.test\"},"
                + "\"data\":{\"text\":\"t\",\"attachments\":[{\"filename\":\"a.bin\",\"data\":\"not base64!\"}]}}");
        assertEquals(400, badAttachment.statusCode(), badAttachment.body());
        assertTrue(badAttachment.body().contains("base64"), badAttachment.body());
        assertEquals(0, smtp.getReceivedMessages().length, "nothing was sent");
    }

    @Test
    void anSmtpServerThatIsDownIs503() throws Exception {
        smtp.stop();
        HttpResponse<String> down = Sidecar.invoke("mail", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"emailTo\":\"ops@capa.test\"}}");
        assertEquals(503, down.statusCode(), down.body());
        restartSmtp();
        assertEquals(204, Sidecar.invoke("mail", "{\"operation\":\"create\",\"data\":\"back\","
                + "\"metadata\":{\"emailTo\":\"ops@capa.test\"}}").statusCode());
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
    }
}
