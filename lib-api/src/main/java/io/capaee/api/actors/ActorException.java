// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import io.capaee.api.CapaException;
import jakarta.ejb.ApplicationException;

/**
 * An actor call or operation that was refused or failed, with the {@link Reason} that the gateway
 * maps to an HTTP status and Dapr error code. Thrown unchanged through the runtime's EJB.
 */
@ApplicationException(inherited = true)
public class ActorException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** Why; each maps to one Dapr error. */
    public enum Reason {
        /** A name or a body the caller sent is not valid. */
        BAD_REQUEST,
        /** No actor type of that name is hosted here. */
        UNKNOWN_TYPE,
        /** The actor has no method of that name. */
        METHOD_NOT_FOUND,
        /** The actor's method threw, or its host answered with an error. */
        METHOD_FAILED,
        /** A remote actor host could not be reached. */
        HOST_UNAVAILABLE,
        /** Reading or writing actor state failed. */
        STATE_FAILED,
        /** No reminder of that name. */
        REMINDER_NOT_FOUND,
        /** A reminder of that name exists and overwrite was refused. */
        REMINDER_EXISTS,
        /** The reminder or timer schedule is not valid. */
        BAD_SCHEDULE,
        /** A reentrant call chain went deeper than allowed. */
        STACK_DEPTH,
        /** The runtime is shutting down. */
        CLOSED,
        /** Too many calls already wait for this actor's turn. */
        BUSY,
        /**
         * This server does not own the actor's partition (now): a call forwarded to it found it moved,
         * or it lost its lease while the call waited; the caller may try again at the new owner.
         */
        NOT_OWNER,
        /** A quota is full (timers and reminders, active actors, bytes of queued calls): try again later. */
        QUOTA
    }

    private final Reason reason;

    public ActorException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ActorException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
