// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import io.capaee.api.actors.ActorException;
import io.capaee.proxy.dapr.DaprException;

/**
 * Dapr's status and error code for an actor runtime refusal, by the API operation it happened in
 * (runtime-api spec 3.1 and 3.2.1).
 */
enum ActorErrors {
    INVOKE("ERR_ACTOR_INVOKE_METHOD", "ERR_ACTOR_INVOKE_METHOD"),
    STATE_GET("ERR_ACTOR_STATE_GET", "ERR_MALFORMED_REQUEST"),
    STATE_SAVE("ERR_ACTOR_STATE_TRANSACTION_SAVE", "ERR_MALFORMED_REQUEST"),
    REMINDER_CREATE("ERR_ACTOR_REMINDER_CREATE", "ERR_ACTOR_REMINDER_CREATE"),
    REMINDER_GET("ERR_ACTOR_REMINDER_GET", "ERR_MALFORMED_REQUEST"),
    REMINDER_DELETE("ERR_ACTOR_REMINDER_DELETE", "ERR_MALFORMED_REQUEST"),
    TIMER_CREATE("ERR_ACTOR_TIMER_CREATE", "ERR_ACTOR_TIMER_CREATE"),
    TIMER_DELETE("ERR_ACTOR_TIMER_DELETE", "ERR_MALFORMED_REQUEST");

    private final String failure;
    private final String badSchedule;

    ActorErrors(String failure, String badSchedule) {
        this.failure = failure;
        this.badSchedule = badSchedule;
    }

    DaprException of(ActorException e) {
        String m = e.getMessage();
        return switch (e.reason()) {
            case BAD_REQUEST -> new DaprException(400, "ERR_MALFORMED_REQUEST", m, e);
            case UNKNOWN_TYPE -> switch (this) {
                case INVOKE -> new DaprException(404, "ERR_ACTOR_NO_ADDRESS", m, e);
                case REMINDER_CREATE, REMINDER_GET, REMINDER_DELETE -> new DaprException(403, "ERR_ACTOR_REMINDER_NON_HOSTED", m, e);
                default -> new DaprException(400, "ERR_ACTOR_INSTANCE_MISSING", m, e);
            };
            case METHOD_NOT_FOUND, METHOD_FAILED, HOST_UNAVAILABLE -> new DaprException(500, INVOKE.failure, m, e);
            case REMINDER_NOT_FOUND -> new DaprException(404, "ERR_ACTOR_REMINDER_NOT_FOUND", m, e);
            case REMINDER_EXISTS -> new DaprException(409, "ERR_ACTOR_REMINDER_ALREADY_EXISTS", m, e);
            case BAD_SCHEDULE -> new DaprException(400, badSchedule, m, e);
            case STACK_DEPTH -> new DaprException(500, "ERR_ACTOR_STACK_DEPTH", m, e);
            case CLOSED -> new DaprException(503, "ERR_ACTOR_RUNTIME_CLOSED", m, e);
            // a forwarding server looks for the owner again on a 503
            case NOT_OWNER -> new DaprException(503, "ERR_ACTOR_NOT_OWNER", m, e);
            case BUSY -> new DaprException(429, "ERR_ACTOR_INVOKE_METHOD", m, e);
            case QUOTA -> new DaprException(429, failure, m, e);
            case STATE_FAILED -> new DaprException(500, this == INVOKE ? "ERR_ACTOR_INVOKE_METHOD" : failure, m, e);
        };
    }

    /** A name in the path that Dapr refuses. */
    static DaprException badName(ActorException e) {
        return new DaprException(400, "ERR_BAD_REQUEST", e.getMessage(), e);
    }
}
