// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.webhook;

import io.capaee.api.CapaException;

/** A webhook request was refused; the {@link Reason} says why, and so which status the caller gets. */
public class WebhookException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** The signature header is missing or not in the scheme's form (401). */
        UNSIGNED,
        /** The signature does not match the body and the secret (401). */
        BAD_SIGNATURE,
        /** The signed timestamp is outside the tolerance: too old, or in the future (401). */
        STALE,
        /** The same signature was received before, within the tolerance (409). */
        REPLAYED,
        /** The body is larger than the webhook's limit (413). */
        TOO_LARGE,
        /** No input binding takes webhooks now, or its queue is full (503): the sender may try again. */
        UNAVAILABLE
    }

    private final Reason reason;

    public WebhookException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WebhookException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
