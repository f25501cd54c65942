// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.nats.NatsMessages;
import io.capaee.connector.nats.NatsClients;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.time.Duration;

/**
 * Dead letters of a connector on a NATS subject, written as the inbound bindings write theirs
 * ({@link NatsMessages#deadLetter}), plus the header {@code capa-connector}. The connection (to the
 * connector's NATS server) is opened at the first dead letter, so connectors that never have one
 * hold no second connection.
 */
final class NatsDeadLetters implements DeadLetters {
    private static final Duration FLUSH = Duration.ofSeconds(5);

    private final ComponentStep nats;
    private final String subject;
    private final String connectorId;
    private Connection connection;

    NatsDeadLetters(ComponentStep nats, String subject, String connectorId) {
        this.nats = nats;
        this.subject = subject;
        this.connectorId = connectorId;
    }

    @Override
    public void send(Envelope message, DeliveryOutcome outcome) throws Exception {
        if (connection == null) {
            connection = NatsConnections.connect(nats, "capa-connector " + connectorId + " dead letters");
        }
        Headers headers = NatsClients.headers(message.headers());
        headers.put("capa-connector", connectorId);
        NatsMessages.deadLetter(connection, subject, headers, message.data(), outcome, FLUSH);
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
