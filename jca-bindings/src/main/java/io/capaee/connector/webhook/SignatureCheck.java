// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks one webhook request's HMAC-SHA256 signature in its {@link SignatureScheme}, comparing in
 * constant time ({@link MessageDigest#isEqual}) so that the time a refusal takes tells nothing of
 * how much of a forged signature was right. Thread-safe: a {@link Mac} is made per check.
 */
public final class SignatureCheck {
    private static final String HMAC = "HmacSHA256";
    private static final int SHA256_BYTES = 32;

    private final SignatureScheme scheme;
    private final SecretKeySpec key;
    private final Duration tolerance;
    private final Clock clock;

    public SignatureCheck(SignatureScheme scheme, byte[] secret, Duration tolerance, Clock clock) {
        this.scheme = scheme;
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Checks {@code signature} (the header's value, null when absent) against {@code body}.
     *
     * @return the signature that matched, as the replay guard remembers it
     * @throws WebhookException UNSIGNED, BAD_SIGNATURE or STALE
     */
    public String verify(byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            throw new WebhookException(Reason.UNSIGNED, "the request has no signature");
        }
        return switch (scheme) {
            case GITHUB -> verifyGitHub(body, signature.strip());
            case STRIPE -> verifyStripe(body, signature.strip());
        };
    }

    private String verifyGitHub(byte[] body, String signature) {
        if (!signature.startsWith("sha256=")) {
            throw new WebhookException(Reason.UNSIGNED, "the signature is not of the form sha256=<hex>");
        }
        byte[] given = hex(signature.substring("sha256=".length()));
        if (!MessageDigest.isEqual(hmac(body, null), given)) {
            throw new WebhookException(Reason.BAD_SIGNATURE, "the signature does not match the body");
        }
        return signature;
    }

    private String verifyStripe(byte[] body, String header) {
        String timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("v1")) {
                candidates.add(hex(value));
            }
        }
        if (timestamp == null || candidates.isEmpty()) {
            throw new WebhookException(Reason.UNSIGNED, "the signature is not of the form t=<seconds>,v1=<hex>");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new WebhookException(Reason.UNSIGNED, "the signature's timestamp t is not a number of seconds");
        }
        byte[] expected = hmac(body, timestamp);
        boolean matched = false;
        for (byte[] candidate : candidates) {
            matched |= MessageDigest.isEqual(expected, candidate); // every candidate compared: no early exit
        }
        if (!matched) {
            throw new WebhookException(Reason.BAD_SIGNATURE, "no v1 signature matches the body and timestamp");
        }
        // the age is checked after the signature, so that only a genuine (replayed) request learns it was stale
        Instant signed = Instant.ofEpochSecond(seconds);
        Duration age = Duration.between(signed, clock.instant()).abs();
        if (age.compareTo(tolerance) > 0) {
            throw new WebhookException(Reason.STALE, "the signature's timestamp is " + age.toSeconds()
                    + " s away from this server's clock; the tolerance is " + tolerance.toSeconds() + " s");
        }
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(expected);
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body}, or of the body alone when there is no timestamp. */
    byte[] hmac(byte[] body, String timestamp) {
        Mac mac;
        try {
            mac = Mac.getInstance(HMAC);
            mac.init(key);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        if (timestamp != null) {
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
        }
        return mac.doFinal(body);
    }

    private static byte[] hex(String hex) {
        if (hex.length() != SHA256_BYTES * 2) {
            // a wrong length cannot match; comparing it anyway keeps one path for every refusal
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
