// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsSettings;
import io.nats.client.Connection;

/** The connections of the NATS sources and sinks (their headers: {@link NatsClients#headers}). */
final class NatsConnections {
    private NatsConnections() {}

    /** Connects to the step's {@code url}, with its user credentials when it has them (see {@link NatsClients}). */
    static Connection connect(ComponentStep step, String name) throws Exception {
        return NatsClients.connect(NatsSettings.fromUrl("url", step.string("url", "nats://127.0.0.1:4222"),
                step.string("user_jwt", null), step.string("user_nkey_seed", null)), name);
    }
}
