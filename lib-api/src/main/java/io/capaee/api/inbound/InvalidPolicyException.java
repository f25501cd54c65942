// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

import io.capaee.api.CapaException;

/** A {@link DeliveryPolicy} that cannot work; names the field, so that each caller can name its own setting. */
public class InvalidPolicyException extends CapaException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidPolicyException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** {@code maxAttempts}, {@code initialBackoffMillis} or {@code maxBackoffMillis}. */
    public String field() {
        return field;
    }

    /** The problem without the field's name, to be prefixed with the caller's name of the setting. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
