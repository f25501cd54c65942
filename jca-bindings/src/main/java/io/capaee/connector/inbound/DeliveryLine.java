// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages an endpoint took from its source and has not settled yet, delivered in order, in
 * turns. {@link #deliver} makes one attempt at each message in line; a message whose attempt failed
 * while the policy has attempts left stays first, and the call returns the pause before its next
 * attempt, which the endpoint's turn returns in turn: its loop brings the retry on the adapter's
 * timer, so no thread sleeps out a back-off and a stop never waits for one. Nothing behind a
 * retried message overtakes it. A message delivered, or out of attempts, is {@linkplain Settle
 * settled}; what is still in line when the endpoint stops is {@linkplain #handBack handed back}.
 * Used by one turn at a time (turns never overlap), so nothing here is locked.
 *
 * @param <T> what the source handed over (a broker's message, with what acknowledges it)
 */
public final class DeliveryLine<T> {
    private static final Logger LOG = Logger.getLogger(DeliveryLine.class.getName());

    /** One try of a delivery; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        void run(T message, int attempt) throws Exception;
    }

    /** What becomes of a message that was delivered or is out of attempts. */
    @FunctionalInterface
    public interface Settle<T> {
        /**
         * @return true when settled (acknowledged, dead-lettered); false when the source must hand
         *     this message over again, and so every message behind it: the line lets go of them all
         *     ({@link #handBack} is called with them)
         */
        boolean settle(T message, DeliveryOutcome outcome);
    }

    /** What the source is told of messages taken and not settled. */
    @FunctionalInterface
    public interface HandBack<T> {
        /**
         * @param messages in source order, not settled (the first may have been attempted)
         * @param first how the first one's delivery stands
         */
        void handBack(List<T> messages, DeliveryOutcome first);
    }

    private final Deque<T> line = new ArrayDeque<>();
    private final Attempts attempts;
    private final Attempt<T> attempt;
    private final Settle<T> settle;
    private final HandBack<T> handBack;
    private final String what;
    private Consumer<DeliveryLine<T>> beforeRetry = line -> { };

    public DeliveryLine(DeliveryPolicy policy, Attempt<T> attempt, Settle<T> settle, HandBack<T> handBack, String what) {
        this(new Attempts(policy), attempt, settle, handBack, what);
    }

    DeliveryLine(Attempts attempts, Attempt<T> attempt, Settle<T> settle, HandBack<T> handBack, String what) {
        this.attempts = attempts;
        this.attempt = attempt;
        this.settle = settle;
        this.handBack = handBack;
        this.what = what;
    }

    /**
     * A line of deliveries to a message endpoint: each attempt is one delivery of {@code message}
     * (with its attempt number) through {@code invoker}, which counts a message out of attempts that
     * the source settled (dead-lettered or dropped) as given up.
     */
    public static <S> DeliveryLine<Taken<S>> toEndpoint(EndpointInvoker invoker, DeliveryPolicy policy,
            Settle<Taken<S>> settle, HandBack<Taken<S>> handBack) {
        return new DeliveryLine<>(policy, (taken, n) -> invoker.deliver(taken.message().withAttempt(n)),
                counting(settle, invoker), handBack, "messages to " + invoker.describe());
    }

    static <T> Settle<T> counting(Settle<T> settle, EndpointInvoker invoker) {
        return (message, outcome) -> {
            boolean settled = settle.settle(message, outcome);
            if (settled && outcome.failed()) {
                invoker.gaveUp();
            }
            return settled;
        };
    }

    /** A message as the source handed it over, and as it is delivered. */
    public record Taken<S>(S original, InboundMessage message) {
    }

    /** Runs before each retry with the whole line (sources with an ack deadline extend it). */
    public DeliveryLine<T> beforeRetry(Consumer<DeliveryLine<T>> action) {
        this.beforeRetry = action;
        return this;
    }

    public void add(T message) {
        line.addLast(message);
    }

    public boolean isEmpty() {
        return line.isEmpty();
    }

    public List<T> messages() {
        return List.copyOf(line);
    }

    /**
     * Delivers what is in line, in order, one attempt each, until the line is empty, the caller
     * stops, or the first message waits for a retry.
     *
     * @return 0 when the turn may go on (the line is empty, or the caller stops), else the
     *     milliseconds until the first message's next attempt
     */
    public long deliver(BooleanSupplier stopping) {
        while (!line.isEmpty() && !stopping.getAsBoolean()) {
            long wait = attempts.millisUntilDue();
            if (wait > 0) {
                return wait;
            }
            T first = line.peekFirst();
            if (attempts.retrying()) {
                beforeRetry.accept(this);
            }
            int n = attempts.next();
            boolean delivered;
            try {
                attempt.run(first, n);
                delivered = true;
            } catch (Exception | Error e) {
                if (e instanceof VirtualMachineError vm) {
                    throw vm;
                }
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.log(Level.FINE, "attempt " + n + " of " + what + " failed", e);
                }
                if (attempts.failed(e)) {
                    continue; // the top of the loop ends the turn unless the retry is due already (no back-off)
                }
                delivered = false;
                LOG.log(Level.WARNING, "a delivery of {0} failed {1} time(s), last: {2}",
                        new Object[] {what, n, String.valueOf(e)});
            }
            line.removeFirst();
            if (!settle.settle(first, attempts.settle(delivered))) {
                List<T> rest = new ArrayList<>(line.size() + 1);
                rest.add(first);
                rest.addAll(line);
                line.clear();
                handBack.handBack(rest, DeliveryOutcome.stopped(0));
            }
        }
        return 0;
    }

    /** Lets go of every message in line (the endpoint stops or its source failed); must not throw. */
    public void handBack() {
        if (line.isEmpty()) {
            return;
        }
        List<T> rest = new ArrayList<>(line);
        line.clear();
        DeliveryOutcome first = attempts.stopped();
        try {
            handBack.handBack(rest, first);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handing " + rest.size() + " unsettled message(s) of " + what + " back failed", e);
        }
    }
}
