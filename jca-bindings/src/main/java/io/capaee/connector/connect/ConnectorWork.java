// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorSpec;
import io.capaee.connector.inbound.EndpointLoop;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running connector, as long-running work on the container's work manager: opens sink and
 * source, then polls, transforms, sends and acknowledges, one message at a time in source order.
 * A failed transformation or send is counted and retried with back-off (100 ms doubling to 5 s)
 * until it succeeds or the connector stops; on a stop, the message in flight and the rest of its
 * batch are released to the source. A source or sink that cannot be opened (or fails) is
 * counted and reopened by {@link EndpointLoop} a second later.
 */
final class ConnectorWork extends EndpointLoop {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConnectorWork.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final transient ConnectorSpec spec;
    private final transient ConnectorCounters counters;
    private final transient FunctionTransformer transformer;
    private final transient ComponentFactory components;
    private transient volatile ConnectorSource source;

    ConnectorWork(ConnectorSpec spec, ConnectorCounters counters, FunctionTransformer transformer,
            ComponentFactory components) {
        this.components = components;
        this.spec = spec;
        this.counters = counters;
        this.transformer = transformer;
    }

    @Override
    protected void receive() throws Exception {
        try (ConnectorSink sink = components.sink(spec.output(), spec.id());
                ConnectorSource opened = components.source(spec.input(), spec.id())) {
            source = opened;
            counters.connected(true);
            LOG.log(Level.INFO, "connector {0} running: {1} -> {2}",
                    new Object[] {spec.id(), spec.input().type(), spec.output().type()});
            while (!stopping()) {
                List<Received> batch = opened.poll(POLL);
                int done = 0;
                for (Received received : batch) {
                    counters.in();
                    if (!deliver(received.envelope(), sink)) {
                        break;
                    }
                    received.acknowledgement().ack();
                    counters.out();
                    done++;
                }
                for (Received rest : batch.subList(done, batch.size())) {
                    rest.acknowledgement().release();
                }
                opened.commit();
            }
        } catch (Exception e) {
            if (!stopping()) {
                counters.error(e);
            }
            throw e;
        } finally {
            counters.connected(false);
            source = null;
        }
    }

    /** True once the sink accepted the (transformed) message; false when the connector stops first. */
    private boolean deliver(Envelope message, ConnectorSink sink) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (!stopping()) {
            try {
                Envelope out = spec.transformer().isEmpty() ? message : transformer.apply(spec.transformer(), message);
                sink.send(out);
                return true;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                counters.error(e);
                LOG.log(Level.FINE, "connector " + spec.id() + ": delivery failed, retrying in " + backoff + " ms", e);
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        return false;
    }

    /** Sleeps in short steps so that a stop is not delayed by a long back-off. */
    private void pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!stopping() && System.nanoTime() < end) {
            Thread.sleep(Math.min(50, millis));
        }
    }

    @Override
    protected void wakeUp() {
        ConnectorSource current = source;
        if (current != null) {
            current.wakeUp();
        }
    }

    @Override
    public String describe() {
        return "connector " + spec.id() + " (" + spec.input().type() + " -> " + spec.output().type() + ")";
    }
}
