// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.desired.Reconciler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors of the desired state as the adapter runs them. It knows which connectors are its
 * own (deployed through the API here, or from the desired state): only those it replaces, starts,
 * stops or removes; a connector of a file (its file is its desired state) keeps its id, and a
 * stored connector of the same id is refused, naming the file. Called by its {@link Reconciler}
 * only, inside the reconciler's lock: not thread-safe on its own.
 */
final class ConnectorTarget implements Reconciler.Target {
    private final ConnectorManager manager;
    private final ConnectorParser parser;
    private final Map<String, ConnectorSpec> own = new HashMap<>();

    ConnectorTarget(ConnectorManager manager, ConnectorParser parser) {
        this.manager = manager;
        this.parser = parser;
    }

    /**
     * Parses the whole entry first, so a document that no longer parses leaves what runs as it is;
     * an unchanged document only has its state applied (the connector keeps its counts).
     */
    @Override
    public void apply(DesiredEntry entry) {
        StoredConnector wanted = StoredConnector.read(entry, parser);
        String id = entry.id();
        Optional<ConnectorStatus> deployed = manager.status(id);
        if (deployed.isPresent()) {
            ConnectorSpec current = own.get(id);
            if (current == null) {
                throw new ConnectorException(ConnectorException.Reason.CONFLICT,
                        "the id is taken by the connector from " + deployed.get().origin());
            }
            if (current.document().equals(wanted.spec().document())) {
                if (wanted.running()) {
                    manager.start(id);
                } else {
                    manager.stop(id);
                }
                return;
            }
            manager.delete(id);
            own.remove(id);
        }
        manager.deploy(wanted.spec(), wanted.running());
        own.put(id, wanted.spec());
    }

    @Override
    public void remove(String id) {
        if (own.remove(id) != null) {
            manager.delete(id);
        }
    }

    /** Records a connector that the API deployed here. */
    void deployed(ConnectorSpec spec) {
        own.put(spec.id(), spec);
    }

    void forget(String id) {
        own.remove(id);
    }

    /** The spec of one of its connectors; empty for a connector of a file, or none. */
    Optional<ConnectorSpec> spec(String id) {
        return Optional.ofNullable(own.get(id));
    }
}
