// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.nats;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsSettings;
import io.capaee.connector.outbound.SharedBackendBase;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operations: {@code create} publishes (core: then flushes, so an unreachable server is reported;
 * JetStream: waits for the stream's ack and returns {@code stream} and {@code sequence});
 * {@code request} (core only) returns the reply's data. Metadata {@code subject} overrides the
 * binding's subject when the allow-list lets it; every other entry becomes a NATS header.
 */
final class NatsTransport extends SharedBackendBase implements BindingTransport {
    private final NatsSettings settings;
    private final String subject;
    private final SubjectAllowList allowed;
    private final boolean jetStream;
    private final Connection connection;
    private final JetStream js;

    NatsTransport(NatsSettings settings, String subject, SubjectAllowList allowed, boolean jetStream) {
        this.settings = settings;
        this.subject = subject;
        this.allowed = allowed;
        this.jetStream = jetStream;
        try {
            this.connection = NatsClients.connectInBackground(settings, "capa-ee-binding");
            this.js = jetStream ? connection.jetStream(JetStreamOptions.builder()
                    .requestTimeout(Duration.ofMillis(settings.timeoutMillis())).build()) : null;
        } catch (IOException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "cannot connect to NATS " + settings.servers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputBindingException(Reason.UNAVAILABLE, "interrupted connecting to NATS", e);
        }
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        String target = request.metadata("subject") != null ? request.metadata("subject") : subject;
        if (target.isEmpty()) {
            throw new OutputBindingException(Reason.BAD_REQUEST,
                    "the binding has no subject configured: give the metadata 'subject'");
        }
        if (!target.equals(subject)) {
            checkPublishSubject(target);
            allowed.check(target);
        }
        Headers headers = new Headers();
        request.metadata().forEach((name, value) -> {
            if (!name.equals("subject")) {
                headers.add(name, value);
            }
        });
        Message message = NatsMessage.builder().subject(target).headers(headers.isEmpty() ? null : headers)
                .data(request.data()).build();
        Duration timeout = Duration.ofMillis(settings.timeoutMillis());
        try {
            if (request.operation().equals("request")) {
                Message reply = connection.request(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new BindingResponse(reply.getData() == null ? new byte[0] : reply.getData(),
                        Map.of("subject", target));
            }
            if (jetStream) {
                PublishAck ack = js.publish(message);
                return BindingResponse.empty(Map.of("stream", ack.getStream(),
                        "sequence", Long.toString(ack.getSeqno()), "duplicate", Boolean.toString(ack.isDuplicate())));
            }
            connection.publish(message);
            connection.flush(timeout);
            return BindingResponse.empty(Map.of("subject", target));
        } catch (TimeoutException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "NATS did not answer on " + target + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new OutputBindingException(Reason.FAILED, "NATS request on " + target + " failed: " + e.getCause(),
                    e.getCause());
        } catch (JetStreamApiException e) {
            throw new OutputBindingException(Reason.FAILED, "JetStream refused the message on " + target + ": "
                    + e.getMessage(), e);
        } catch (IOException | IllegalStateException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "NATS publish on " + target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputBindingException(Reason.UNAVAILABLE, "interrupted on " + target, e);
        }
    }

    /** A subject one can publish to: tokens, no wildcards, no white space. */
    private static void checkPublishSubject(String target) {
        for (String token : target.split("\\.", -1)) {
            if (token.isEmpty() || token.equals("*") || token.equals(">") || token.chars().anyMatch(Character::isWhitespace)) {
                throw new OutputBindingException(Reason.BAD_REQUEST, "metadata 'subject' '" + target
                        + "' is not a subject to publish to (tokens separated by '.', no wildcards, no spaces)");
            }
        }
    }

    @Override
    public void check() {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "NATS " + settings.servers() + " is "
                    + connection.getStatus());
        }
    }

    @Override
    public Set<String> operations() {
        return jetStream ? Set.of("create") : Set.of("create", "request");
    }

    @Override
    public String describe() {
        return (jetStream ? "nats jetstream " : "nats ") + settings.servers();
    }

    @Override
    protected void release() {
        NatsClients.close(connection);
    }
}
