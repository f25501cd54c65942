// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.nats.client.Connection;
import java.util.Locale;
import java.util.Optional;

/**
 * The NATS client reconnects by itself and does not throw while the server is away: the
 * connection's status is what the NATS and JetStream endpoints report on every poll.
 */
public final class NatsHealth {
    private NatsHealth() {}

    /** Empty when connected; else the connection's state. */
    public static Optional<String> problem(Connection connection) {
        Connection.Status status = connection.getStatus();
        return status == Connection.Status.CONNECTED ? Optional.empty()
                : Optional.of("NATS connection " + status.name().toLowerCase(Locale.ROOT));
    }
}
