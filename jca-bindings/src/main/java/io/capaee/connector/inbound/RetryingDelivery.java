// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InboundMessage;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers a message with retries: up to the policy's attempts, pausing with back-off between
 * them, unless the endpoint is stopping. The caller acknowledges on success and dead-letters on
 * failure.
 */
public final class RetryingDelivery {
    private static final Logger LOG = Logger.getLogger(RetryingDelivery.class.getName());

    /** What happened: delivered, or the last failure (null when stopped before a decision). */
    public record Outcome(boolean delivered, int attempts, Throwable lastFailure) {
        public String reason() {
            return lastFailure == null ? "stopped" : String.valueOf(lastFailure);
        }
    }

    private final EndpointInvoker invoker;
    private final DeliveryPolicy policy;
    private final BooleanSupplier stopping;

    public RetryingDelivery(EndpointInvoker invoker, DeliveryPolicy policy, BooleanSupplier stopping) {
        this.invoker = invoker;
        this.policy = policy;
        this.stopping = stopping;
    }

    public Outcome deliver(InboundMessage message) {
        return deliver(message, () -> { });
    }

    /** As {@link #deliver(InboundMessage)}, calling {@code beforeRetry} before each retry (e.g. to extend an ack wait). */
    public Outcome deliver(InboundMessage message, Runnable beforeRetry) {
        Throwable last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            if (attempt > 1) {
                if (!pause(policy.backoffBefore(attempt))) {
                    return new Outcome(false, attempt - 1, null);
                }
                beforeRetry.run();
            }
            try {
                invoker.deliver(message.withAttempt(attempt));
                return new Outcome(true, attempt, null);
            } catch (Exception | Error e) {
                if (e instanceof VirtualMachineError vm) {
                    throw vm;
                }
                last = e;
                LOG.log(Level.FINE, "delivery " + attempt + " of a message from " + message.destination() + " to "
                        + invoker.describe() + " failed", e);
            }
        }
        LOG.log(Level.WARNING, "{0}: message from {1} failed {2} time(s), last: {3}",
                new Object[] {invoker.describe(), message.destination(), policy.maxAttempts(), String.valueOf(last)});
        return new Outcome(false, policy.maxAttempts(), last);
    }

    /** Sleeps in small steps so that a stopping endpoint does not wait out a long back-off. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping.getAsBoolean();
    }
}
