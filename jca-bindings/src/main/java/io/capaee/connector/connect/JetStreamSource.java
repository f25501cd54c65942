// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.nats.NatsClients;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sources {@code nats_jetstream} and {@code nats_kv}: a durable pull consumer with explicit acks.
 * A message is acked after the sink took it and nak'ed when the connector stops first, so
 * JetStream redelivers it. A KV bucket {@code B} is the stream {@code KV_B} with subjects
 * {@code $KV.B.<key>}: watching it is consuming that stream from the last value per key; deletes
 * and purges are acknowledged and skipped.
 */
final class JetStreamSource implements ConnectorSource {
    private static final int BATCH = 100;

    private final Connection connection;
    private final JetStreamSubscription subscription;
    private final String kvPrefix; // "$KV.<bucket>." for a KV watch, else null

    private JetStreamSource(Connection connection, JetStreamSubscription subscription, String kvPrefix) {
        this.connection = connection;
        this.subscription = subscription;
        this.kvPrefix = kvPrefix;
    }

    static JetStreamSource stream(ComponentStep step, String connectorId) throws Exception {
        Connection connection = NatsConnections.connect(step, "capa-connector " + connectorId);
        try {
            String subject = step.string("subject", null);
            ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                    .durable(step.string("durable", "capa-connector-" + connectorId))
                    .filterSubject(subject)
                    .ackPolicy(AckPolicy.Explicit)
                    .ackWait(step.duration("ack_wait", Duration.ofSeconds(30)))
                    .deliverPolicy(deliver(step.string("deliver", "all")))
                    .build();
            PullSubscribeOptions.Builder options = PullSubscribeOptions.builder().configuration(consumer);
            String stream = step.string("stream", null);
            if (stream != null) {
                options.stream(stream);
            }
            return new JetStreamSource(connection, connection.jetStream().subscribe(subject, options.build()), null);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    static JetStreamSource kv(ComponentStep step, String connectorId) throws Exception {
        Connection connection = NatsConnections.connect(step, "capa-connector " + connectorId);
        try {
            String bucket = step.string("bucket", null);
            String prefix = "$KV." + bucket + ".";
            String subject = prefix + step.string("key", ">");
            ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                    .durable(step.string("durable", "capa-connector-" + connectorId))
                    .filterSubject(subject)
                    .ackPolicy(AckPolicy.Explicit)
                    .deliverPolicy(DeliverPolicy.LastPerSubject)
                    .build();
            JetStreamSubscription subscription = connection.jetStream().subscribe(subject,
                    PullSubscribeOptions.builder().stream("KV_" + bucket).configuration(consumer).build());
            return new JetStreamSource(connection, subscription, prefix);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    private static DeliverPolicy deliver(String policy) {
        return switch (policy) {
            case "last" -> DeliverPolicy.Last;
            case "last_per_subject" -> DeliverPolicy.LastPerSubject;
            case "new" -> DeliverPolicy.New;
            default -> DeliverPolicy.All;
        };
    }

    @Override
    public long lag() throws Exception {
        return subscription.getConsumerInfo().getNumPending();
    }

    @Override
    public List<Received> poll(Duration wait) throws Exception {
        List<Received> batch = new ArrayList<>();
        for (Message message : subscription.fetch(BATCH, wait)) {
            if (kvPrefix != null && message.hasHeaders() && message.getHeaders().get("KV-Operation") != null) {
                message.ack(); // DEL or PURGE: nothing to forward
                continue;
            }
            Map<String, String> headers = NatsClients.headers(message);
            String key = kvPrefix != null && message.getSubject().startsWith(kvPrefix)
                    ? message.getSubject().substring(kvPrefix.length()) : null;
            batch.add(new Received(new Envelope(message.getData(), headers, key), new Received.Acknowledgement() {
                @Override
                public void ack() {
                    message.ack();
                }

                @Override
                public void release() {
                    message.nak();
                }

                @Override
                public void inProgress() {
                    message.inProgress();
                }
            }));
        }
        return batch;
    }

    @Override
    public void close() throws Exception {
        connection.close(); // the durable consumer stays: a restarted connector continues where it was
    }
}
