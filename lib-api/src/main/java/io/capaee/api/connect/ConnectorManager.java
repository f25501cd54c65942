// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.util.List;
import java.util.Optional;

/**
 * The connectors of this server, run by the resource adapter on the container's work manager;
 * look it up as {@code eis/capa/connectors}. Thread-safe. Counts and the last error survive
 * stop/start; {@link #delete} forgets them.
 */
public interface ConnectorManager {
    /**
     * Deploys a validated connector and, when {@code start}, starts it.
     *
     * @throws ConnectorException CONFLICT when the id is taken, UNAVAILABLE when the adapter is not running
     */
    ConnectorStatus deploy(ConnectorSpec spec, boolean start);

    List<ConnectorStatus> list();

    Optional<ConnectorStatus> status(String id);

    /** Starts a stopped connector; a running one stays as it is. @throws ConnectorException NOT_FOUND */
    ConnectorStatus start(String id);

    /** Stops a connector after its message in flight; nothing unacknowledged is lost. @throws ConnectorException NOT_FOUND */
    ConnectorStatus stop(String id);

    /** Stops and forgets a connector. @return false when there was none */
    boolean delete(String id);
}
