// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubException;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.outbound.SharedBackendBase;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * NATS JetStream: topic {@code t} is the subject {@code subjectPrefix + t} in one stream holding
 * every subject under the prefix (created when missing); a consumer group is a durable pull
 * consumer per topic (explicit acks). Publishing waits for the stream's acknowledgement. A message
 * is acked after the handler accepted it (delivered, or dropped to a dead-letter topic by the layer
 * above), nak'ed with a delay of {@code redeliverAfterMillis} when it refused it. The connection
 * reconnects for ever; the durable consumer keeps a group's place while no server reads it.
 */
public final class JetStreamPubSubBroker extends SharedBackendBase implements Broker {
    private static final Logger LOG = Logger.getLogger(JetStreamPubSubBroker.class.getName());
    private static final int BATCH = 32;

    private final JetStreamPubSubSettings settings;
    private Connection connection; // guarded by this
    private JetStream js; // guarded by this
    private boolean streamReady; // guarded by this

    public JetStreamPubSubBroker(JetStreamPubSubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void publish(String topic, byte[] message, Map<String, String> headers) {
        String subject = subject(topic);
        try {
            jetStream().publish(subject, headers.isEmpty() ? null : NatsClients.headers(headers), message);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 503 || e.getApiErrorCode() == 10076) {
                forgetStream(); // no stream for the subject (deleted?): create it again next time
            }
            throw new PubSubException("JetStream refused a message to " + subject + ": " + e.getMessage(), e);
        } catch (IOException | IllegalStateException e) {
            forgetStream();
            throw new PubSubException("JetStream " + settings.nats().servers() + " did not take a message to "
                    + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BrokerSource open(String topic, String group) {
        String subject = subject(topic);
        String durable = durableName(group, topic);
        try {
            ensureConsumer(subject, durable);
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            // not fatal: the source tries again until NATS is back
            LOG.log(Level.WARNING, "JetStream {0}: consumer {1} not created yet: {2}",
                    new Object[] {settings.nats().servers(), durable, e.getMessage()});
        }
        return new Source(subject, durable);
    }

    private String subject(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (Character.isWhitespace(c) || c == '*' || c == '>') {
                throw new PubSubException("'" + topic + "' is not a NATS subject token: no spaces, '*' or '>'");
            }
        }
        if (topic.startsWith(".") || topic.endsWith(".") || topic.contains("..")) {
            throw new PubSubException("'" + topic + "' is not a NATS subject: no empty tokens between dots");
        }
        return settings.subjectPrefix() + topic;
    }

    /** A durable name is one token: the group and topic with other characters replaced, plus a hash so that two never meet. */
    static String durableName(String group, String topic) {
        String wanted = group + "_" + topic;
        String clean = wanted.replaceAll("[^A-Za-z0-9_-]", "_");
        if (clean.length() > 64) {
            clean = clean.substring(0, 64);
        }
        if (clean.equals(wanted)) {
            return clean;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wanted.getBytes(StandardCharsets.UTF_8));
            return clean + "_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Connection connection() throws IOException {
        if (closed()) {
            throw new PubSubException("the JetStream broker " + settings.nats().servers() + " is closed");
        }
        if (connection == null) {
            try {
                connection = NatsClients.connectInBackground(settings.nats(), "capa-ee-pubsub");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PubSubException("interrupted connecting to NATS " + settings.nats().servers(), e);
            }
        }
        return connection;
    }

    private synchronized JetStream jetStream() throws IOException {
        Connection c = connection();
        ensureStream(c);
        if (js == null) {
            js = c.jetStream(JetStreamOptions.builder().requestTimeout(Duration.ofMillis(settings.nats().timeoutMillis())).build());
        }
        return js;
    }

    private synchronized void ensureStream(Connection c) throws IOException {
        if (streamReady) {
            return;
        }
        JetStreamManagement jsm = c.jetStreamManagement();
        try {
            jsm.getStreamInfo(settings.stream());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw new PubSubException("JetStream stream " + settings.stream() + ": " + e.getMessage(), e);
            }
            try {
                jsm.addStream(StreamConfiguration.builder().name(settings.stream())
                        .subjects(settings.subjectPrefix() + ">").storageType(StorageType.File)
                        .maxAge(Duration.ofSeconds(settings.maxAgeSeconds())).build());
                LOG.log(Level.INFO, "created JetStream stream {0} for {1}>", new Object[] {settings.stream(), settings.subjectPrefix()});
            } catch (JetStreamApiException created) {
                throw new PubSubException("cannot create JetStream stream " + settings.stream() + " for "
                        + settings.subjectPrefix() + ">: " + created.getMessage(), created);
            }
        }
        streamReady = true;
    }

    private synchronized void forgetStream() {
        streamReady = false;
    }

    private void ensureConsumer(String subject, String durable) throws IOException, JetStreamApiException {
        Connection c = connection();
        ensureStream(c);
        JetStreamManagement jsm = c.jetStreamManagement();
        try {
            jsm.getConsumerInfo(settings.stream(), durable);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            jsm.addOrUpdateConsumer(settings.stream(), ConsumerConfiguration.builder()
                    .durable(durable)
                    .filterSubject(subject)
                    .ackPolicy(AckPolicy.Explicit)
                    .ackWait(Duration.ofMillis(settings.ackWaitMillis()))
                    .deliverPolicy(settings.oldest() ? DeliverPolicy.All : DeliverPolicy.New)
                    .build());
        }
    }

    @Override
    public boolean stopped() {
        return closed();
    }

    @Override
    protected void release() {
        NatsClients.close(detachConnection());
    }

    /** Takes the connection from this broker; it is closed outside the lock, which closing may wait for. */
    private synchronized Connection detachConnection() {
        Connection c = connection;
        connection = null;
        js = null;
        return c;
    }

    /** One subscription: a pull subscription bound to the group's durable consumer. */
    private final class Source implements BrokerSource {
        private final String subject;
        private final String durable;
        private JetStreamSubscription subscription;

        Source(String subject, String durable) {
            this.subject = subject;
            this.durable = durable;
        }

        @Override
        public long lag() throws IOException, JetStreamApiException {
            return subscription == null ? -1 : subscription.getConsumerInfo().getNumPending();
        }

        @Override
        public List<BrokerMessage> take(Duration wait) throws IOException, JetStreamApiException {
            if (closed()) {
                throw new PubSubException("the JetStream broker " + settings.nats().servers() + " is closed");
            }
            List<Message> fetched;
            try {
                if (subscription == null) {
                    ensureConsumer(subject, durable);
                    subscription = jetStream().subscribe(null, PullSubscribeOptions.bind(settings.stream(), durable));
                }
                fetched = subscription.fetch(BATCH, wait);
            } catch (IOException | JetStreamApiException | IllegalStateException | PubSubException e) {
                close();
                forgetStream();
                throw e;
            }
            List<BrokerMessage> messages = new ArrayList<>(fetched.size());
            for (Message message : fetched) {
                // abandoned when the subscription stops: another server of the group may take it at once
                messages.add(new BrokerMessage(message.getData() == null ? new byte[0] : message.getData(), message::ack,
                        () -> message.nakWithDelay(Duration.ofMillis(settings.redeliverAfterMillis())), message::nak, () -> false,
                        NatsClients.headers(message)));
            }
            return messages;
        }

        @Override
        public void close() {
            if (subscription != null) {
                try {
                    subscription.unsubscribe(); // a bound pull subscription leaves the durable consumer in place
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "unsubscribe of {0} failed: {1}", new Object[] {durable, e.getMessage()});
                }
                subscription = null;
            }
        }
    }
}
