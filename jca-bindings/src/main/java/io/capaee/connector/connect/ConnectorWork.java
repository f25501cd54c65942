// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorSpec;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.inbound.RetryingDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running connector, in turns on the container's work manager ({@link EndpointLoop}): opens
 * sink and source, then each turn polls a batch, transforms it, hands it to the sink at once ({@link ConnectorSink#sendAll},
 * which a Kafka sink pipelines) and acknowledges each message in source order once the sink
 * accepted it. A message the sink (or the transformer) refuses is retried alone,
 * before anything after it is acknowledged, with back-off as the sink's {@code dead_letter} field
 * says ({@link DeadLetterPolicy}); after its last attempt it is published to the dead-letter
 * subject and only then acknowledged. Without {@code dead_letter} it is retried until the sink
 * takes it. A dead letter that cannot be written is retried too: a message is acknowledged at the
 * source only once it was delivered or dead-lettered. On a stop, the message in flight and the
 * rest of its batch are released to the source. A source or sink that cannot be opened (or
 * fails) is counted and reopened by {@link EndpointLoop} a second later.
 *
 * <p>Order: messages are acknowledged in source order; a sink that had a whole batch in flight
 * (Kafka) may have accepted the messages after a refused one before its retry succeeds.
 */
final class ConnectorWork extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(ConnectorWork.class.getName());
    private final ConnectorSpec spec;
    private final ConnectorCounters counters;
    private final FunctionTransformer transformer; // null: the connector has no transformer step
    private final ComponentFactory components;
    private final DeadLetterPolicy deadLetterPolicy;
    // touched by turns only
    private ConnectorSource source;
    private ConnectorSink sink;
    private DeadLetters deadLetters;
    private Delivery delivery;

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
        delivery = new Delivery(sink, deadLetters);
        counters.connected(true);
        LOG.log(Level.INFO, "connector {0} running: {1} -> {2}",
                new Object[] {spec.id(), spec.input().type(), spec.output().type()});
    }

    @Override
    protected long turn() throws Exception {
        try {
            List<Received> batch = source.poll(TURN_WAIT);
            if (batch.isEmpty()) {
                return IDLE;
            }
            counters.in(batch.size());
            try {
                delivery.settle(batch);
            } finally {
                // stopping, or the sink failed unexpectedly: what is not settled goes back to the source
                for (Received rest : batch.subList(delivery.settled, batch.size())) {
                    rest.acknowledgement().release();
                }
            }
            source.commit();
            return AGAIN;
        } catch (Exception e) {
            if (!stopping()) {
                counters.error(e);
            }
            throw e;
        }
    }

    @Override
    protected void close() {
        counters.connected(false);
        // in the reverse order of open, each even when another fails
        closeQuietly(deadLetters);
        closeQuietly(source);
        closeQuietly(sink);
        deadLetters = null;
        source = null;
        sink = null;
        delivery = null;
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

    /** Delivering the batches of one opened sink. */
    private final class Delivery {
        private final ConnectorSink sink;
        private final DeadLetters deadLetters;
        private final RetryingDelivery retrying = new RetryingDelivery(deadLetterPolicy.delivery(), ConnectorWork.this::stopping);
        private int settled; // of the current batch: a prefix, delivered or dead-lettered, and acknowledged

        Delivery(ConnectorSink sink, DeadLetters deadLetters) {
            this.sink = sink;
            this.deadLetters = deadLetters;
        }

        /**
         * Delivers or dead-letters the batch in order and acknowledges each message once it is;
         * {@link #settled} tells how many (a prefix) were, fewer than all only when stopping or failing.
         */
        void settle(List<Received> batch) throws Exception {
            settled = 0;
            int next = 0;
            while (next < batch.size()) {
                if (stopping()) {
                    return;
                }
                List<Envelope> out = new ArrayList<>(batch.size() - next);
                Exception transformFailure = null;
                for (int i = next; i < batch.size(); i++) {
                    Envelope message = batch.get(i).envelope();
                    if (transformer == null) {
                        out.add(message);
                        continue;
                    }
                    try {
                        out.add(transformer.apply(spec.transformer(), message));
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        transformFailure = e; // the messages before it still go, then it is retried alone
                        break;
                    }
                }
                List<Exception> results = out.isEmpty() ? List.of() : sink.sendAll(out);
                for (int i = 0; i < results.size(); i++) {
                    Received received = batch.get(next + i);
                    if (results.get(i) == null) {
                        acknowledge(received);
                    } else if (!retryAlone(batch, next + i, results.get(i))) {
                        return;
                    }
                }
                next += results.size();
                if (results.size() < out.size()) {
                    continue; // the sink stopped at a refusal: the rest is sent again, after the refused one
                }
                if (transformFailure != null) {
                    if (!retryAlone(batch, next, transformFailure)) {
                        return;
                    }
                    next++;
                }
            }
        }

        /** One message that failed its first attempt: retried, else dead-lettered; false when stopping first. */
        private boolean retryAlone(List<Received> batch, int index, Exception failure) throws InterruptedException {
            Received received = batch.get(index);
            counters.error(failure);
            RetryingDelivery.Outcome outcome = retrying.retry(() -> "a message of connector " + spec.id(), 1, failure, attempt -> {
                try {
                    Envelope message = received.envelope();
                    sink.send(transformer == null ? message : transformer.apply(spec.transformer(), message));
                } catch (Exception e) {
                    counters.error(e);
                    throw e;
                }
            }, () -> batch.subList(index, batch.size()).forEach(r -> r.acknowledgement().inProgress()));
            if (outcome.delivered()) {
                acknowledge(received);
                return true;
            }
            if (outcome.lastFailure() == null) {
                return false; // stopping
            }
            return deadLetter(batch, index, outcome);
        }

        /** Writes the dead letter, retrying (with the longest back-off) until it is written or the connector stops. */
        private boolean deadLetter(List<Received> batch, int index, RetryingDelivery.Outcome outcome)
                throws InterruptedException {
            Received received = batch.get(index);
            long backoff = deadLetterPolicy.delivery().maxBackoffMillis();
            while (!stopping()) {
                try {
                    deadLetters.send(received.envelope(), outcome);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    counters.error(e);
                    LOG.log(Level.WARNING, "connector " + spec.id() + ": dead letter to " + deadLetterPolicy.subject()
                            + " failed, retrying in " + backoff + " ms", e);
                    pause(backoff);
                    batch.subList(index, batch.size()).forEach(r -> r.acknowledgement().inProgress());
                    continue;
                }
                counters.deadLettered();
                LOG.log(Level.WARNING, "connector {0}: a message refused {1} time(s) was sent to dead-letter subject {2}",
                        new Object[] {spec.id(), outcome.attempts(), deadLetterPolicy.subject()});
                // Written: a failing ack must not write it again (the source may hand it over again:
                // at-least-once), so the batch goes on either way.
                settle(received);
                return true;
            }
            return false;
        }

        /** Acknowledges a message the sink accepted. */
        private void acknowledge(Received received) throws InterruptedException {
            settle(received);
            counters.out();
        }

        /** Acknowledges at the source a message that is delivered or dead-lettered, and goes on. */
        private void settle(Received received) throws InterruptedException {
            try {
                received.acknowledgement().ack();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // it is delivered or dead-lettered; the source will hand it over again (at-least-once), so the batch goes on
                counters.error(e);
            }
            settled++;
        }
    }

    /** Sleeps in short steps so that a stop is not delayed by a long back-off. */
    private void pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!stopping() && System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(50, millis)));
        }
    }

    @Override
    public String describe() {
        return "connector " + spec.id() + " (" + spec.input().type() + " -> " + spec.output().type() + ")";
    }
}
