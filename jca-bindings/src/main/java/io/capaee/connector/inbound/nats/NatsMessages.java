// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.nats;

import io.capaee.connector.inbound.DeliveryOutcome;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the NATS core and JetStream endpoints share: headers as metadata, and dead letters. */
public final class NatsMessages {
    private static final Logger LOG = Logger.getLogger(NatsMessages.class.getName());
    private static final int REASON_CHARS = 500;

    private NatsMessages() {
    }

    /** The message's headers (first value of each) plus {@code subject}. */
    public static Map<String, String> metadata(Message message) {
        Map<String, String> metadata = new HashMap<>();
        if (message.getHeaders() != null) {
            message.getHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    metadata.put(name, values.get(0));
                }
            });
        }
        metadata.put("subject", message.getSubject());
        return metadata;
    }

    /** Where a dead letter goes: the configured subject, or {@code dlq.<subject>}. */
    public static String deadLetterSubject(String configured, Message message) {
        return configured.isEmpty() ? "dlq." + message.getSubject() : configured;
    }

    /**
     * Publishes the message to {@code to} with its headers plus {@code capa-dead-letter-reason},
     * {@code capa-attempts} and {@code capa-original-subject}, and waits for the server's round trip.
     */
    public static void deadLetter(Connection connection, Message message, String to, DeliveryOutcome outcome,
            Duration timeout) throws Exception {
        Headers headers = new Headers();
        if (message.getHeaders() != null) {
            message.getHeaders().forEach(headers::add);
        }
        headers.put("capa-original-subject", message.getSubject());
        deadLetter(connection, to, headers, message.getData(), outcome, timeout);
    }

    /**
     * Publishes {@code data} to {@code to} with {@code headers} (changed: plus
     * {@code capa-dead-letter-reason} and {@code capa-attempts}). When a JetStream stream takes
     * {@code to}, through JetStream, waiting for the stream's acknowledgement (stored); else with
     * core NATS, waiting for the server's round trip (kept only if something subscribes).
     */
    public static void deadLetter(Connection connection, String to, Headers headers, byte[] data,
            DeliveryOutcome outcome, Duration timeout) throws Exception {
        String reason = outcome.reason().replaceAll("[\\r\\n]+", " ");
        headers.put("capa-dead-letter-reason", reason.length() > REASON_CHARS ? reason.substring(0, REASON_CHARS) : reason);
        headers.put("capa-attempts", Integer.toString(outcome.attempts()));
        // JetStream's publish instructions were meant for the original: a kept Nats-Msg-Id would make
        // the stream drop the dead letter as a duplicate, an expectation would refuse it every time
        headers.remove("Nats-Msg-Id");
        headers.keySet().stream().filter(name -> name.startsWith("Nats-Expected-")).toList().forEach(headers::remove);
        NatsMessage letter = NatsMessage.builder().subject(to).headers(headers).data(data).build();
        if (storedByStream(connection, to, timeout)) {
            connection.jetStream(JetStreamOptions.builder().requestTimeout(timeout).build()).publish(letter);
            return;
        }
        connection.publish(letter);
        connection.flush(timeout);
    }

    /**
     * Whether a stream takes {@code subject}. A server without JetStream (or one that cannot answer)
     * counts as none: the core publish that follows then fails itself if the server is gone.
     */
    private static boolean storedByStream(Connection connection, String subject, Duration timeout) {
        try {
            return !connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(timeout).build())
                    .getStreamNames(subject).isEmpty();
        } catch (IOException | JetStreamApiException e) {
            LOG.log(Level.FINE, "no JetStream answer for dead-letter subject " + subject + ": core publish", e);
            return false;
        }
    }
}
