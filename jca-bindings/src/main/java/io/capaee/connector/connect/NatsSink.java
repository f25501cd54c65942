// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.nats.NatsClients;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.KeyValue;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;

/**
 * Sinks {@code nats}, {@code nats_jetstream} and {@code nats_kv}. Core: publish, then flush, so
 * the server has the message before the source is acknowledged. JetStream: wait for the publish
 * ack. KV: put under the configured key.
 */
final class NatsSink implements ConnectorSink {
    private static final Duration FLUSH = Duration.ofSeconds(5);

    enum Mode {
        CORE, STREAM, KV
    }

    private final Connection connection;
    private final Mode mode;
    private final String subject;
    private final JetStream jetStream;
    private final KeyValue keyValue;
    private final String key;

    NatsSink(ComponentStep step, String connectorId, Mode mode) throws Exception {
        this.mode = mode;
        this.connection = NatsConnections.connect(step, "capa-connector " + connectorId);
        try {
            this.subject = step.string("subject", null);
            this.jetStream = mode == Mode.STREAM ? connection.jetStream() : null;
            this.keyValue = mode == Mode.KV ? connection.keyValue(step.string("bucket", null)) : null;
            this.key = step.string("key", null);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void send(Envelope message) throws Exception {
        switch (mode) {
            case CORE -> {
                connection.publish(NatsMessage.builder().subject(subject).data(message.data())
                        .headers(NatsClients.headers(message.headers())).build());
                connection.flush(FLUSH);
            }
            case STREAM -> jetStream.publish(NatsMessage.builder().subject(subject).data(message.data())
                    .headers(NatsClients.headers(message.headers())).build());
            case KV -> keyValue.put(key, message.data());
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
