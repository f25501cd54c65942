// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.jobs;

import io.capaee.api.CapaException;
import jakarta.ejb.ApplicationException;

/**
 * A job that cannot be scheduled or read for a reason other than a bad field ({@link io.capaee.api.InvalidValueException}).
 * The caller of the EJB that runs the jobs gets it as it was thrown, not wrapped in an {@code EJBException}.
 */
@ApplicationException(inherited = true)
public class JobException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** A job of that name exists and the caller asked not to replace it. */
        EXISTS,
        /** The store that keeps the jobs cannot be read or written. */
        UNAVAILABLE,
        /** A firing could not be delivered to its target. */
        DELIVERY
    }

    private final Reason reason;

    public JobException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public JobException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
