// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.RpcTimeoutException;
import io.capaee.api.rpc.TransportException;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.outbound.SharedBackend;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link MessageBus} on a jnats {@link Connection}, which it owns (closed with the bus). One
 * dispatcher thread delivers every subscription's messages; a handler that throws is logged and
 * the subscription goes on.
 */
public final class NatsMessageBus implements MessageBus, SharedBackend {
    private static final Logger LOG = Logger.getLogger(NatsMessageBus.class.getName());

    private final Connection connection;
    private final Dispatcher dispatcher;

    public NatsMessageBus(Connection connection) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher();
    }

    @Override
    public MessageBus.Message request(String subject, Map<String, String> headers, byte[] data, Duration timeout) {
        long start = System.nanoTime();
        var future = connection.requestWithTimeout(NatsMessage.builder().subject(subject).headers(toNats(headers))
                .data(data).build(), timeout);
        try {
            return fromNats(future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw timedOut(subject, timeout);
        } catch (CancellationException | ExecutionException e) {
            // jnats cancels the future both on "no responders" (at once) and on its own timeout
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) < 0) {
                throw new TransportException("no responders on NATS subject " + subject
                        + (connection.getStatus() == Connection.Status.CONNECTED ? "" : " (NATS is " + connection.getStatus() + ")"));
            }
            throw timedOut(subject, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting on NATS subject " + subject, e);
        }
    }

    private static RpcTimeoutException timedOut(String subject, Duration timeout) {
        return new RpcTimeoutException("no reply on NATS subject " + subject + " within " + timeout.toMillis() + " ms");
    }

    @Override
    public void publish(String subject, Map<String, String> headers, byte[] data) {
        try {
            connection.publish(NatsMessage.builder().subject(subject).headers(toNats(headers)).data(data).build());
        } catch (IllegalStateException e) {
            throw new TransportException("cannot publish on NATS subject " + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Subscription subscribe(String subject, String queueGroup, Consumer<MessageBus.Message> handler) {
        io.nats.client.MessageHandler deliver = m -> {
            try {
                handler.accept(fromNats(m));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a handler of NATS subject " + subject + " failed", e);
            }
        };
        io.nats.client.Subscription s = queueGroup == null ? dispatcher.subscribe(subject, deliver)
                : dispatcher.subscribe(subject, queueGroup, deliver);
        return () -> {
            if (dispatcher.isActive()) {
                dispatcher.unsubscribe(s);
            }
        };
    }

    @Override
    public void flush(Duration timeout) {
        try {
            connection.flush(timeout);
        } catch (TimeoutException e) {
            throw new RpcTimeoutException("NATS did not confirm within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while flushing to NATS", e);
        } catch (IllegalStateException e) {
            throw new TransportException("cannot flush to NATS: " + e.getMessage(), e);
        }
    }

    /** NATS' status: CONNECTED when requests can go out. */
    public String status() {
        return connection.getStatus().name();
    }

    @Override
    public boolean closed() {
        return connection.getStatus() == Connection.Status.CLOSED;
    }

    @Override
    public void close() {
        NatsClients.close(connection);
    }

    private static Headers toNats(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        Headers h = new Headers();
        headers.forEach(h::put);
        return h;
    }

    private static MessageBus.Message fromNats(io.nats.client.Message m) {
        Map<String, String> headers = new HashMap<>();
        if (m.getHeaders() != null) {
            m.getHeaders().entrySet().forEach(e -> headers.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0)));
        }
        return new MessageBus.Message(m.getSubject(), headers, m.getData(), m.getReplyTo());
    }
}
