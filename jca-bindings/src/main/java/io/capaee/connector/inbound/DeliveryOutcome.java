// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

/**
 * How the delivery of one message ended: delivered, out of attempts ({@code lastFailure} says why),
 * or stopped before a decision ({@code lastFailure} null: the caller must not treat it as failed).
 */
public record DeliveryOutcome(boolean delivered, int attempts, Throwable lastFailure) {

    /** Delivered after {@code attempts}. */
    static DeliveryOutcome delivered(int attempts) {
        return new DeliveryOutcome(true, attempts, null);
    }

    /** The endpoint stopped after {@code attempts}, before the message was delivered or given up. */
    public static DeliveryOutcome stopped(int attempts) {
        return new DeliveryOutcome(false, attempts, null);
    }

    /** Out of attempts: a dead letter, or back to the source. */
    public boolean failed() {
        return !delivered && lastFailure != null;
    }

    public String reason() {
        return lastFailure == null ? "stopped" : String.valueOf(lastFailure);
    }
}
