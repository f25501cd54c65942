// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.connector.BindingException;
import jakarta.resource.spi.work.WorkException;
import io.capaee.connector.inbound.WorkPacer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One deployed connector: its spec, its counters, and its work while it runs. Start and stop are serialised. */
final class DeployedConnector {
    private static final Logger LOG = Logger.getLogger(DeployedConnector.class.getName());
    static final long STOP_WAIT_MILLIS = 15_000;

    private final ConnectorSpec spec;
    private final ComponentFactory components;
    private final String origin;
    private final ConnectorCounters counters;
    private ConnectorWork work; // guarded by this

    DeployedConnector(ConnectorSpec spec, String origin, Clock clock, ComponentFactory components) {
        this.spec = spec;
        this.components = components;
        this.origin = origin;
        this.counters = new ConnectorCounters(clock);
    }

    String origin() {
        return origin;
    }

    private ConnectorWork lingering; // stopped but not yet returned; guarded by this

    synchronized void start(WorkPacer pacer, FunctionTransformer transformer) {
        if (work != null) {
            return;
        }
        if (lingering != null) {
            try {
                if (!lingering.awaitStopped(0)) {
                    // a second work on the same consumer group would deliver twice and out of order
                    throw new ConnectorException(ConnectorException.Reason.CONFLICT, "connector " + spec.id()
                            + " is still stopping (its sink has not returned): try again later");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "interrupted");
            }
            lingering = null;
        }
        ConnectorWork started = new ConnectorWork(spec, counters, transformer, components);
        try {
            started.start(pacer);
        } catch (WorkException e) {
            throw new BindingException("the work manager refused connector " + spec.id() + ": " + e.getMessage(), e);
        }
        work = started;
    }

    synchronized void stop() {
        if (release()) {
            awaitStopped(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS));
        }
    }

    /**
     * Asks the work to stop after its message in flight, without waiting ({@link #awaitStopped}
     * waits); false when it was not running.
     */
    synchronized boolean release() {
        return handOver(ConnectorWork::release);
    }

    /**
     * As {@link #release()}, for the adapter stopping, when the work manager runs no more work:
     * an idle connector is closed here, on the caller's thread; one in a turn closes when the turn
     * ends ({@link #awaitStopped} waits for it).
     */
    synchronized void releaseHere() {
        handOver(ConnectorWork::stopHere);
    }

    /** Makes the running work the lingering one and ends it with {@code end}; false when none ran. */
    private boolean handOver(Consumer<ConnectorWork> end) {
        if (work == null) {
            return false;
        }
        lingering = work; // no restart until it has really stopped
        work = null;
        end.accept(lingering);
        return true;
    }

    /** Waits until the released work has stopped, at most until {@code deadline} ({@link System#nanoTime}). */
    synchronized void awaitStopped(long deadline) {
        if (lingering == null) {
            return;
        }
        try {
            if (lingering.awaitStopped(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                lingering = null;
                LOG.log(Level.INFO, "connector {0} stopped", spec.id());
            } else {
                LOG.log(Level.WARNING, "connector {0} did not stop within {1} ms", new Object[] {spec.id(), STOP_WAIT_MILLIS});
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized ConnectorStatus status() {
        return new ConnectorStatus(spec.id(), spec.description(), spec.kind(),
                work == null ? ConnectorStatus.State.STOPPED : ConnectorStatus.State.RUNNING, work != null && counters.connected(),
                spec.input().type(), spec.output().type(), spec.transformer().size(), counters.inCount(),
                counters.outCount(), counters.errorCount(), counters.deadLetterCount(),
                work == null ? -1 : work.lag().orElse(-1), counters.lastError(), counters.lastErrorAt(), origin);
    }
}
