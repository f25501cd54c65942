// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.Attempts;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running connector, in turns on the container's work manager ({@link EndpointLoop}): opens
 * sink and source, then a turn polls a batch, transforms it, hands it to the sink at once ({@link ConnectorSink#sendAll},
 * which a Kafka sink pipelines) and acknowledges each message in source order once the sink
 * accepted it. A message the sink (or the transformer) refuses is retried alone,
 * before anything after it is acknowledged, with back-off as the sink's {@code dead_letter} field
 * says ({@link DeadLetterPolicy}); after its last attempt it is published to the dead-letter
 * subject and only then acknowledged. Without {@code dead_letter} it is retried until the sink
 * takes it. A dead letter that cannot be written is retried too: a message is acknowledged at the
 * source only once it was delivered or dead-lettered. No thread waits out a back-off: the turn
 * ends with the pause, and the batch is taken up again by the turn that follows it. On a stop,
 * the message in flight and the rest of its batch are released to the source. A source or sink
 * that cannot be opened (or fails) is counted and reopened by {@link EndpointLoop} a second later.
 *
 * <p>Order: messages are acknowledged in source order; a sink that had a whole batch in flight
 * (Kafka) may have accepted the messages after a refused one before its retry succeeds.
 */
final class ConnectorWork extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(ConnectorWork.class.getName());
    /** The least pause between two tries of a dead letter, whatever the policy's back-off. */
    private static final long MIN_DEAD_LETTER_PAUSE_MILLIS = 100;
    private final ConnectorSpec spec;
    private final ConnectorCounters counters;
    private final FunctionTransformer transformer; // null: the connector has no transformer step
    private final ComponentFactory components;
    private final DeadLetterPolicy deadLetterPolicy;
    // touched by turns only
    private ConnectorSource source;
    private ConnectorSink sink;
    private DeadLetters deadLetters;
    private Batch batch; // polled and not all settled yet

    ConnectorWork(ConnectorSpec spec, ConnectorCounters counters, FunctionTransformer transformer,
            ComponentFactory components) {
        this.components = components;
        this.spec = spec;
        this.counters = counters;
        this.transformer = spec.transformer().isEmpty() ? null : transformer;
        this.deadLetterPolicy = DeadLetterPolicy.of(spec);
    }

    @Override
    protected void open() throws Exception {
        try {
            sink = components.sink(spec.output(), spec.id());
            source = components.source(spec.input(), spec.id());
            deadLetters = components.deadLetters(spec, deadLetterPolicy);
        } catch (Exception e) {
            if (!stopping()) {
                counters.error(e);
            }
            throw e;
        }
        counters.connected(true);
        LOG.log(Level.INFO, "connector {0} running: {1} -> {2}",
                new Object[] {spec.id(), spec.input().type(), spec.output().type()});
    }

    @Override
    protected long turn() throws Exception {
        try {
            readLag(source::lag); // while a batch waits for a retry too: that is when a lag builds up
            if (batch == null) {
                List<Received> polled = source.poll(TURN_WAIT);
                if (polled.isEmpty()) {
                    return IDLE;
                }
                counters.in(polled.size());
                batch = new Batch(polled);
            }
            long wait = batch.settle();
            if (wait > 0) {
                return wait;
            }
            batch.releaseRest(); // stopping: what is not settled goes back to the source
            batch = null;
            source.commit();
            return AGAIN;
        } catch (Exception e) {
            if (batch != null) {
                // the sink failed unexpectedly: what is not settled goes back to the source before it is reopened
                batch.releaseRest();
                batch = null;
            }
            if (!stopping()) {
                counters.error(e);
            }
            throw e;
        }
    }

    @Override
    protected void close() {
        if (batch != null) {
            // stopped while a message waited for its retry: the rest goes back, what was settled is made durable
            batch.releaseRest();
            batch = null;
            try {
                source.commit();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "connector " + spec.id() + ": committing at the source failed", e);
            }
        }
        counters.connected(false);
        // in the reverse order of open, each even when another fails
        closeQuietly(deadLetters);
        closeQuietly(source);
        closeQuietly(sink);
        deadLetters = null;
        source = null;
        sink = null;
    }

    private void closeQuietly(AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "connector " + spec.id() + ": closing " + component + " failed", e);
        }
    }

    /**
     * One polled batch on its way to the sink, kept from turn to turn while a message of it waits for
     * a retry: a prefix of it is settled (delivered or dead-lettered, and acknowledged), and the sink's
     * answers for the messages after that prefix that were sent together are kept until their turn.
     */
    private final class Batch {
        private final List<Received> messages;
        private final Deque<Optional<Exception>> answers = new ArrayDeque<>(); // for messages.get(settled) on
        private final Attempts attempts = new Attempts(deadLetterPolicy.delivery()); // of messages.get(settled)
        private final Attempts deadLetterAttempts = new Attempts(new DeliveryPolicy(Integer.MAX_VALUE,
                Math.max(MIN_DEAD_LETTER_PAUSE_MILLIS, deadLetterPolicy.delivery().maxBackoffMillis()),
                Math.max(MIN_DEAD_LETTER_PAUSE_MILLIS, deadLetterPolicy.delivery().maxBackoffMillis())));
        private DeliveryOutcome refused; // not null: messages.get(settled) is out of attempts and goes to the dead letters
        private int settled;

        Batch(List<Received> messages) {
            this.messages = messages;
        }

        /**
         * Delivers or dead-letters the batch in order and acknowledges each message once it is.
         *
         * @return 0 when the batch is settled or the connector stops, else the milliseconds until
         *     the first unsettled message's next try
         */
        long settle() throws Exception {
            while (settled < messages.size() && !stopping()) {
                long wait;
                if (refused != null) {
                    wait = deadLetter();
                } else if (attempts.retrying()) {
                    wait = retry();
                } else if (answers.isEmpty()) {
                    sendRest();
                    wait = 0;
                } else {
                    Optional<Exception> answer = answers.removeFirst();
                    if (answer.isEmpty()) {
                        acknowledge();
                    } else {
                        counters.error(answer.get());
                        if (!attempts.madeElsewhere(1, answer.get())) {
                            refused = attempts.settle(false);
                        }
                    }
                    wait = 0;
                }
                if (wait > 0) {
                    return wait;
                }
            }
            return 0;
        }

        /** Transforms and sends the messages not settled yet at once; the sink's answers are kept. */
        private void sendRest() throws Exception {
            List<Envelope> out = new ArrayList<>(messages.size() - settled);
            Exception transformFailure = null;
            for (Received received : messages.subList(settled, messages.size())) {
                try {
                    out.add(transform(received));
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    transformFailure = e; // the messages before it still go, then it is retried alone
                    break;
                }
            }
            List<Exception> results = out.isEmpty() ? List.of() : sink.sendAll(out);
            results.forEach(result -> answers.addLast(Optional.ofNullable(result)));
            if (results.size() == out.size() && transformFailure != null) {
                answers.addLast(Optional.of(transformFailure));
            }
            // fewer answers than messages sent: the sink stopped at a refusal, the rest goes again after it
        }

        /** The first unsettled message alone, once its retry is due. */
        private long retry() throws Exception {
            long wait = attempts.millisUntilDue();
            if (wait > 0) {
                return wait;
            }
            inProgressRest();
            int attempt = attempts.next();
            try {
                sink.send(transform(messages.get(settled)));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                counters.error(e);
                if (attempts.failed(e)) {
                    return attempts.millisUntilDue();
                }
                LOG.log(Level.WARNING, "a message of connector {0} failed {1} time(s), last: {2}",
                        new Object[] {spec.id(), attempt, String.valueOf(e)});
                refused = attempts.settle(false);
                return 0;
            }
            attempts.settle(true);
            acknowledge();
            return 0;
        }

        /** Writes the dead letter of the first unsettled message, trying again (at the longest back-off) until it is written. */
        private long deadLetter() throws Exception {
            long wait = deadLetterAttempts.millisUntilDue();
            if (wait > 0) {
                return wait;
            }
            if (deadLetterAttempts.retrying()) {
                inProgressRest();
            }
            deadLetterAttempts.next();
            try {
                deadLetters.send(messages.get(settled).envelope(), refused);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                counters.error(e);
                deadLetterAttempts.failed(e);
                wait = deadLetterAttempts.millisUntilDue();
                LOG.log(Level.WARNING, "connector " + spec.id() + ": dead letter to " + deadLetterPolicy.subject()
                        + " failed, retrying in " + wait + " ms", e);
                return wait;
            }
            deadLetterAttempts.settle(true);
            counters.deadLettered();
            LOG.log(Level.WARNING, "connector {0}: a message refused {1} time(s) was sent to dead-letter subject {2}",
                    new Object[] {spec.id(), refused.attempts(), deadLetterPolicy.subject()});
            refused = null;
            // Written: a failing ack must not write it again (the source may hand it over again:
            // at-least-once), so the batch goes on either way.
            settleFirst();
            return 0;
        }

        private Envelope transform(Received received) throws Exception {
            Envelope message = received.envelope();
            return transformer == null ? message : transformer.apply(spec.transformer(), message);
        }

        /** Sources with an ack deadline extend it for what is still to be settled. */
        private void inProgressRest() {
            messages.subList(settled, messages.size()).forEach(received -> received.acknowledgement().inProgress());
        }

        /** Acknowledges the first unsettled message, which the sink accepted. */
        private void acknowledge() throws InterruptedException {
            settleFirst();
            counters.out();
        }

        /** Acknowledges at the source the first unsettled message, delivered or dead-lettered, and goes on. */
        private void settleFirst() throws InterruptedException {
            try {
                messages.get(settled).acknowledgement().ack();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // it is delivered or dead-lettered; the source will hand it over again (at-least-once), so the batch goes on
                counters.error(e);
            }
            settled++;
        }

        /** What is not settled goes back to the source. */
        void releaseRest() {
            for (Received rest : messages.subList(settled, messages.size())) {
                rest.acknowledgement().release();
            }
            settled = messages.size();
        }
    }

    @Override
    public String describe() {
        return "connector " + spec.id() + " (" + spec.input().type() + " -> " + spec.output().type() + ")";
    }
}
