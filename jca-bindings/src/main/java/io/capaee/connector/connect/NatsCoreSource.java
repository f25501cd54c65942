// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.nats.NatsClients;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Source {@code nats}: a plain subscription (with a queue group when configured). Core NATS cannot
 * redeliver, so a message is retried inside the connector until the sink takes it; a message in
 * flight when the connector stops is lost, as in Connect.
 */
final class NatsCoreSource implements ConnectorSource {
    private static final int BATCH = 100;

    private final Connection connection;
    private final Subscription subscription;

    NatsCoreSource(ComponentStep step, String connectorId) throws Exception {
        connection = NatsConnections.connect(step, "capa-connector " + connectorId);
        // servers of a group that run the same connector share its messages, as they do a stream's
        String queue = step.string("queue", "capa-connector-" + connectorId);
        String subject = step.string("subject", null);
        subscription = connection.subscribe(subject, queue);
        connection.flush(Duration.ofSeconds(5)); // the server knows the subscription before the connector counts as running
    }

    @Override
    public List<Received> poll(Duration wait) throws Exception {
        Message message = subscription.nextMessage(wait);
        if (message == null) {
            return List.of();
        }
        List<Received> batch = new ArrayList<>();
        batch.add(received(message));
        // what the client has queued already, up to a batch: one turn for a burst
        while (batch.size() < BATCH && subscription.getPendingMessageCount() > 0
                && (message = subscription.nextMessage(wait)) != null) {
            batch.add(received(message));
        }
        return batch;
    }

    private static Received received(Message message) {
        return new Received(new Envelope(message.getData(), NatsClients.headers(message), null), Received.NONE);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
