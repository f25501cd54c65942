// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.desired.Reconciler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connectors API over the desired state: a deploy, start, stop or delete is stored before it
 * answers, and undone when the store fails ({@link DesiredStateException}, which names the store),
 * so what runs and what a restart brings back never differ. Connectors of files are changed here
 * but not stored. {@link #reconcile} brings this server in line with the store (at start, and
 * periodically for the changes of servers sharing it). Thread-safe: changes and reconciles take
 * the reconciler's lock, then the adapter's; readers of {@link #failures} take none.
 */
final class DesiredConnectors {
    private static final Logger LOG = Logger.getLogger(DesiredConnectors.class.getName());

    private final ConnectorManager manager;
    private final ConnectorTarget target;
    private final Reconciler reconciler;
    private final Clock clock;
    private volatile Map<String, Reconciler.Failure> failures = Map.of();
    private volatile String storeFailure; // why the last reconcile could not read the store; null when it could

    DesiredConnectors(ConnectorManager manager, DesiredState state, ConnectorParser parser, Clock clock) {
        this.manager = manager;
        this.clock = clock;
        this.target = new ConnectorTarget(manager, parser);
        this.reconciler = new Reconciler(StoredConnector.KIND, state, target, clock);
    }

    /** Where the connectors are stored (a directory, or the key/value store's keys). */
    String where() {
        return reconciler.state().where();
    }

    /**
     * Deploys what the store holds and this server does not run (as stored: running or stopped),
     * applies changed states, removes what left the store.
     *
     * @throws DesiredStateException when the store cannot be read; what runs is left as it is
     */
    Reconciler.Outcome reconcile() {
        try {
            Reconciler.Outcome outcome = reconciler.reconcile();
            if (storeFailure != null) {
                LOG.log(Level.INFO, "connectors: the desired state ({0}) can be read again", where());
            }
            storeFailure = null;
            return outcome;
        } catch (DesiredStateException e) {
            if (!e.getMessage().equals(storeFailure)) {
                LOG.log(Level.SEVERE, "connectors: the desired state cannot be read, stored connectors are not applied: {0}",
                        e.getMessage());
            }
            storeFailure = e.getMessage();
            throw e;
        } finally {
            failures = reconciler.failures();
        }
    }

    ConnectorStatus deploy(ConnectorSpec spec, boolean start) {
        return change(() -> {
            ConnectorStatus status = manager.deploy(spec, start);
            try {
                reconciler.put(new StoredConnector(spec, start).entry(clock.instant()));
            } catch (RuntimeException e) {
                undo(e, () -> manager.delete(spec.id()));
                throw e;
            }
            target.deployed(spec);
            return status;
        });
    }

    ConnectorStatus start(String id) {
        return setRunning(id, true);
    }

    ConnectorStatus stop(String id) {
        return setRunning(id, false);
    }

    private ConnectorStatus setRunning(String id, boolean running) {
        return change(() -> {
            ConnectorStatus before = manager.status(id).orElseThrow(() -> notDeployed(id));
            ConnectorStatus after = running ? manager.start(id) : manager.stop(id);
            Optional<ConnectorSpec> own = target.spec(id);
            if (own.isPresent()) {
                try {
                    reconciler.put(new StoredConnector(own.get(), running).entry(clock.instant()));
                } catch (RuntimeException e) {
                    if (before.state() != after.state()) {
                        undo(e, () -> {
                            if (running) {
                                manager.stop(id);
                            } else {
                                manager.start(id);
                            }
                        });
                    }
                    throw e;
                }
            }
            return after;
        });
    }

    /**
     * Removes the connector from the store first (a store failure changes nothing), then stops and
     * forgets it; a stored connector that failed to deploy here is removed from the store only.
     */
    boolean delete(String id) {
        return change(() -> {
            Optional<ConnectorStatus> deployed = manager.status(id);
            boolean fromFile = deployed.isPresent() && !deployed.get().origin().equals("api"); // its file is its desired state
            boolean stored = !fromFile && removeStored(id);
            target.forget(id);
            return manager.delete(id) || stored;
        });
    }

    private boolean removeStored(String id) {
        try {
            return reconciler.remove(id);
        } catch (IllegalArgumentException e) {
            return false; // not an id any connector can have: no store holds it
        }
    }

    /**
     * The stored connectors that do not run here as stored, by id (or by where an unreadable
     * document is), as the last reconcile or change left them.
     */
    Map<String, Reconciler.Failure> failures() {
        return failures;
    }

    /** Why the last reconcile could not read the store; empty when it could. */
    Optional<String> storeFailure() {
        return Optional.ofNullable(storeFailure);
    }

    private <R> R change(Supplier<R> change) {
        try {
            return reconciler.change(change);
        } finally {
            failures = reconciler.failures();
        }
    }

    /** A start or stop of a stored connector that failed to deploy is refused with the reason, not "no connector". */
    private ConnectorException notDeployed(String id) {
        Reconciler.Failure failure = failures.get(id);
        if (failure != null) {
            return new ConnectorException(ConnectorException.Reason.CONFLICT, "connector " + id
                    + " of the desired state failed to deploy: " + failure.message() + " (deploy it again, or delete it)");
        }
        return new ConnectorException(ConnectorException.Reason.NOT_FOUND, "no connector " + id);
    }

    private static void undo(RuntimeException cause, Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.log(Level.SEVERE, "connectors: a change the desired state refused could not be undone; what runs differs"
                    + " from what a restart brings back until the next change", e);
        }
    }
}
