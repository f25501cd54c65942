// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorStatus;
import java.util.Optional;

/** {@link ConnectorMXBean} over the connector manager: every read asks it, so nothing is stale. */
final class ConnectorView implements ConnectorMXBean {
    private final ConnectorManager manager;
    private final String id;

    ConnectorView(ConnectorManager manager, String id) {
        this.manager = manager;
        this.id = id;
    }

    private Optional<ConnectorStatus> status() {
        return manager.status(id);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getKind() {
        return status().map(s -> s.kind().label()).orElse("");
    }

    @Override
    public String getState() {
        return status().map(s -> s.state().label()).orElse("deleted");
    }

    @Override
    public boolean isConnected() {
        return status().map(ConnectorStatus::connected).orElse(false);
    }

    @Override
    public String getInput() {
        return status().map(ConnectorStatus::input).orElse("");
    }

    @Override
    public String getOutput() {
        return status().map(ConnectorStatus::output).orElse("");
    }

    @Override
    public long getMessagesIn() {
        return status().map(ConnectorStatus::in).orElse(0L);
    }

    @Override
    public long getMessagesOut() {
        return status().map(ConnectorStatus::out).orElse(0L);
    }

    @Override
    public long getErrors() {
        return status().map(ConnectorStatus::errors).orElse(0L);
    }

    @Override
    public long getDeadLetters() {
        return status().map(ConnectorStatus::deadLetters).orElse(0L);
    }

    @Override
    public long getLag() {
        return status().map(ConnectorStatus::lag).orElse(-1L);
    }

    @Override
    public String getLastError() {
        return status().map(ConnectorStatus::lastError).orElse("");
    }

    @Override
    public String start() {
        return manager.start(id).state().label();
    }

    @Override
    public String stop() {
        return manager.stop(id).state().label();
    }
}
