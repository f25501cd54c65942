// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import io.capaee.api.CapaException;

/** A traffic rule set that cannot be used (the message names the rule and field), or a rule store failure. */
public class TrafficException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** What went wrong: the rules given, the rule asked for, or the store. */
    public enum Reason { INVALID, NOT_FOUND, STORE }

    private final Reason reason;

    public TrafficException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TrafficException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static TrafficException invalid(String message) {
        return new TrafficException(Reason.INVALID, message);
    }
}
