// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import io.capaee.connector.InvalidConfigException;
import java.util.Locale;

/**
 * How an outside service signs its webhook requests; both are HMAC-SHA256 with a shared secret.
 * <ul>
 *   <li>{@link #GITHUB}: {@code X-Hub-Signature-256: sha256=<hex>} over the body. It signs no
 *       timestamp, so a replay is recognised only by its signature having been seen before;
 *   <li>{@link #STRIPE}: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]} over
 *       {@code <t>.<body>}; {@code t} must be within the tolerance of this server's clock (and a
 *       signature seen before is refused too).
 * </ul>
 */
public enum SignatureScheme {
    GITHUB("X-Hub-Signature-256"),
    STRIPE("Stripe-Signature");

    private final String defaultHeader;

    SignatureScheme(String defaultHeader) {
        this.defaultHeader = defaultHeader;
    }

    /** The header the service puts its signature in. */
    public String defaultHeader() {
        return defaultHeader;
    }

    /** The scheme named {@code github} or {@code stripe} (any case). */
    public static SignatureScheme of(String property, String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(property, "'" + name + "' is not a signature scheme: github or stripe");
        }
    }
}
