// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

import io.capaee.api.CapaException;
import java.util.Map;

/**
 * An output binding could not do what was asked. The {@link Reason} says whose fault it is, so
 * that callers (and the HTTP API) can answer 400 for a bad request and 5xx otherwise. Metadata the
 * system returned with its refusal (e.g. an HTTP status) is kept.
 */
public class OutputBindingException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** Unknown operation, missing or malformed metadata: the caller must change the request. */
        BAD_REQUEST,
        /** The system could not be reached or did not answer in time; retrying later may work. */
        UNAVAILABLE,
        /** The system answered with a refusal or an error. */
        FAILED,
        /** The binding's configuration does not let a caller choose this subject, topic or key. */
        FORBIDDEN,
        /** The binding's store has reached its configured quota; nothing was written. */
        FULL
    }

    private final Reason reason;
    private final transient Map<String, String> metadata;

    public OutputBindingException(Reason reason, String message) {
        this(reason, message, Map.of(), null);
    }

    public OutputBindingException(Reason reason, String message, Throwable cause) {
        this(reason, message, Map.of(), cause);
    }

    public OutputBindingException(Reason reason, String message, Map<String, String> metadata, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public Reason reason() {
        return reason;
    }

    /** Metadata the system returned with the failure; empty when none. */
    public Map<String, String> metadata() {
        return metadata == null ? Map.of() : metadata;
    }
}
