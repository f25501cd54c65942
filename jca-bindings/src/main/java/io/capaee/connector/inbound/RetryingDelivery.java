// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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

    /** One try of a delivery; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt {
        void run(int attempt) throws Exception;
    }

    private final EndpointInvoker invoker; // null when only {@link #retry} is used
    private final DeliveryPolicy policy;
    private final BooleanSupplier stopping;

    public RetryingDelivery(EndpointInvoker invoker, DeliveryPolicy policy, BooleanSupplier stopping) {
        this.invoker = invoker;
        this.policy = policy;
        this.stopping = stopping;
    }

    /** For deliveries that are not to a message endpoint (the connectors' sinks): {@link #retry} only. */
    public RetryingDelivery(DeliveryPolicy policy, BooleanSupplier stopping) {
        this(null, policy, stopping);
    }

    public Outcome deliver(InboundMessage message) {
        return deliver(message, () -> { });
    }

    /** As {@link #deliver(InboundMessage)}, calling {@code beforeRetry} before each retry (e.g. to extend an ack wait). */
    public Outcome deliver(InboundMessage message, Runnable beforeRetry) {
        return retry(() -> "a message from " + message.destination() + " to " + invoker.describe(), 0, null,
                attempt -> invoker.deliver(message.withAttempt(attempt)), beforeRetry);
    }

    /**
     * Tries {@code attempt} until it succeeds, the policy's attempts are used up, or the caller
     * stops. {@code made} attempts already happened elsewhere (the last failed with {@code failure}):
     * a sender that tried a whole batch at once continues here with the message that failed.
     */
    public Outcome retry(Supplier<String> what, int made, Throwable failure, Attempt attempt, Runnable beforeRetry) {
        Throwable last = failure;
        for (int n = made + 1; n <= policy.maxAttempts() && n > 0; n++) { // n > 0: no wrap-around at MAX_VALUE
            if (n > 1) {
                if (!pause(policy.backoffBefore(n))) {
                    return new Outcome(false, n - 1, null);
                }
                beforeRetry.run();
            }
            try {
                attempt.run(n);
                return new Outcome(true, n, null);
            } catch (Exception | Error e) {
                if (e instanceof VirtualMachineError vm) {
                    throw vm;
                }
                last = e;
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.log(Level.FINE, "delivery " + n + " of " + what.get() + " failed", e);
                }
            }
        }
        LOG.log(Level.WARNING, "{0} failed {1} time(s), last: {2}",
                new Object[] {what.get(), policy.maxAttempts(), String.valueOf(last)});
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
