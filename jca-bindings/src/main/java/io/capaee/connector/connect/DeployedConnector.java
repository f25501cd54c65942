// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.connector.BindingException;
import jakarta.resource.spi.work.WorkException;
import io.capaee.connector.inbound.WorkPacer;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One deployed connector: its spec, its counters, and its work while it runs. Start and stop are serialised. */
final class DeployedConnector {
    private static final Logger LOG = Logger.getLogger(DeployedConnector.class.getName());
    private static final long STOP_WAIT_MILLIS = 15_000;

    private final ConnectorSpec spec;
    private final String origin;
    private final ConnectorCounters counters;
    private ConnectorWork work; // guarded by this

    DeployedConnector(ConnectorSpec spec, String origin, Clock clock) {
        this.spec = spec;
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
        ConnectorWork started = new ConnectorWork(spec, counters, transformer, Components.REAL);
        try {
            started.start(pacer);
        } catch (WorkException e) {
            throw new BindingException("the work manager refused connector " + spec.id() + ": " + e.getMessage(), e);
        }
        work = started;
    }

    synchronized void stop() {
        if (work == null) {
            return;
        }
        ConnectorWork stopping = work;
        work = null;
        stopping.release();
        try {
            if (stopping.awaitStopped(STOP_WAIT_MILLIS)) {
                LOG.log(Level.INFO, "connector {0} stopped", spec.id());
            } else {
                lingering = stopping; // no restart until it has really stopped
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
                counters.outCount(), counters.errorCount(), counters.deadLetterCount(), counters.lastError(), counters.lastErrorAt(), origin);
    }
}
