// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.outbound.JndiBoundFactory;
import java.util.List;
import java.util.Optional;

/**
 * The connection factory bound as {@code eis/capa/connectors}: each call goes to the adapter's
 * {@link ConnectorRuntime}. It hands out no connections: connectors live in the adapter, not in
 * a caller's unit of work, so there is nothing for the pool to manage.
 */
public final class ConnectorManagerHandle extends JndiBoundFactory implements ConnectorManager {
    private static final long serialVersionUID = 1L;

    private final transient CapaResourceAdapter adapter;

    ConnectorManagerHandle(CapaResourceAdapter adapter) {
        this.adapter = adapter;
    }

    private ConnectorRuntime runtime() {
        return adapter.connectors();
    }

    @Override
    public ConnectorStatus deploy(ConnectorSpec spec, boolean start) {
        return runtime().deploy(spec, start);
    }

    @Override
    public List<ConnectorStatus> list() {
        return runtime().list();
    }

    @Override
    public Optional<ConnectorStatus> status(String id) {
        return runtime().status(id);
    }

    @Override
    public ConnectorStatus start(String id) {
        return runtime().start(id);
    }

    @Override
    public ConnectorStatus stop(String id) {
        return runtime().stop(id);
    }

    @Override
    public boolean delete(String id) {
        return runtime().delete(id);
    }
}
