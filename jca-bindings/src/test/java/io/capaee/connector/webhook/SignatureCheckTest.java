// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Signatures as GitHub and Stripe make them, checked against a fixed clock. */
class SignatureCheckTest {
    private static final String SECRET = "it-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureCheck github = new SignatureCheck(SignatureScheme.GITHUB, SECRET.getBytes(StandardCharsets.UTF_8),
            Duration.ofMinutes(5), CLOCK);
    private final SignatureCheck stripe = new SignatureCheck(SignatureScheme.STRIPE, SECRET.getBytes(StandardCharsets.UTF_8),
            Duration.ofMinutes(5), CLOCK);

    /** HMAC-SHA256 computed here independently of the class under test. */
    static String hmacHex(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGitHubSignatureOfTheBodyIsAccepted() throws Exception {
        String header = "sha256=" + hmacHex(SECRET, new String(BODY, StandardCharsets.UTF_8));
        assertEquals(header, github.verify(BODY, header));
    }

    @Test
    void gitHubsExampleFromItsDocumentationIsAccepted() {
        // docs.github.com, "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!"
        SignatureCheck docs = new SignatureCheck(SignatureScheme.GITHUB,
                "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), CLOCK);
        String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertEquals(header, docs.verify("Hello, World!".getBytes(StandardCharsets.UTF_8), header));
    }

    @Test
    void aGitHubSignatureOfAnotherBodyIsRefused() throws Exception {
        String header = "sha256=" + hmacHex(SECRET, "{\"action\":\"closed\"}");
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(WebhookException.class, () -> github.verify(BODY, header)).reason());
    }

    @Test
    void aGitHubSignatureWithAnotherSecretIsRefused() throws Exception {
        String header = "sha256=" + hmacHex("another-secret-0123456789", new String(BODY, StandardCharsets.UTF_8));
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(WebhookException.class, () -> github.verify(BODY, header)).reason());
    }

    @Test
    void missingOrMalformedGitHubSignaturesAreRefused() {
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class, () -> github.verify(BODY, null)).reason());
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class, () -> github.verify(BODY, " ")).reason());
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class, () -> github.verify(BODY, "sha1=abc")).reason());
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(WebhookException.class,
                () -> github.verify(BODY, "sha256=abc")).reason());
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(WebhookException.class,
                () -> github.verify(BODY, "sha256=" + "zz".repeat(32))).reason());
    }

    @Test
    void aStripeSignatureWithinTheToleranceIsAccepted() throws Exception {
        long t = NOW.getEpochSecond() - 120;
        String v1 = hmacHex(SECRET, t + "." + new String(BODY, StandardCharsets.UTF_8));
        String key = stripe.verify(BODY, "t=" + t + ",v1=" + v1);
        assertEquals("t=" + t + ",v1=" + v1, key);
    }

    @Test
    void anyOfSeveralStripeSignaturesMayMatch() throws Exception {
        // Stripe signs with every active secret while one is rolled: one v1 per secret
        long t = NOW.getEpochSecond();
        String good = hmacHex(SECRET, t + "." + new String(BODY, StandardCharsets.UTF_8));
        String other = hmacHex("rolled-out-secret-012345", t + "." + new String(BODY, StandardCharsets.UTF_8));
        stripe.verify(BODY, "t=" + t + ",v1=" + other + ",v1=" + good + ",v0=ignored");
    }

    @Test
    void aStripeSignatureOutsideTheToleranceIsStaleEitherWay() throws Exception {
        for (long t : new long[] {NOW.getEpochSecond() - 301, NOW.getEpochSecond() + 301}) {
            String v1 = hmacHex(SECRET, t + "." + new String(BODY, StandardCharsets.UTF_8));
            WebhookException e = assertThrows(WebhookException.class, () -> stripe.verify(BODY, "t=" + t + ",v1=" + v1));
            assertEquals(Reason.STALE, e.reason());
            assertTrue(e.getMessage().contains("301 s"), e.getMessage());
        }
    }

    @Test
    void aStripeSignatureExactlyAtTheToleranceIsAccepted() throws Exception {
        long t = NOW.getEpochSecond() - 300;
        stripe.verify(BODY, "t=" + t + ",v1=" + hmacHex(SECRET, t + "." + new String(BODY, StandardCharsets.UTF_8)));
    }

    @Test
    void aStripeTimestampChangedAfterSigningIsRefused() throws Exception {
        // moving t forward to pass the age check breaks the signature, which covers t
        long signedAt = NOW.getEpochSecond() - 3600;
        String v1 = hmacHex(SECRET, signedAt + "." + new String(BODY, StandardCharsets.UTF_8));
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(WebhookException.class,
                () -> stripe.verify(BODY, "t=" + NOW.getEpochSecond() + ",v1=" + v1)).reason());
    }

    @Test
    void malformedStripeSignaturesAreRefused() {
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class, () -> stripe.verify(BODY, "v1=abc")).reason());
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class, () -> stripe.verify(BODY, "t=1")).reason());
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class,
                () -> stripe.verify(BODY, "t=soon,v1=" + "00".repeat(32))).reason());
        assertEquals(Reason.UNSIGNED, assertThrows(WebhookException.class, () -> stripe.verify(BODY, "sha256=abc")).reason());
    }
}
