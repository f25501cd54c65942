// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import java.time.Duration;
import java.util.Set;

/**
 * One webhook's configuration, checked.
 *
 * @param scheme how requests are signed
 * @param secret the shared secret (UTF-8 bytes of the property)
 * @param header the header carrying the signature
 * @param tolerance how far a signed timestamp may be from this server's clock, and how long a
 *     signature is remembered against replays
 * @param maxBodyBytes the largest body taken
 * @param target the webhook's own delivery target, or empty for the input binding's
 * @param forwardHeaders the request headers (lower case) handed on as the event's metadata
 */
public record WebhookSettings(SignatureScheme scheme, byte[] secret, String header, Duration tolerance,
        long maxBodyBytes, String target, Set<String> forwardHeaders) {
    public WebhookSettings {
        secret = secret.clone();
        forwardHeaders = Set.copyOf(forwardHeaders);
    }
}
