// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.nats;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.RpcTimeoutException;
import io.capaee.api.rpc.TransportException;
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
import java.util.function.Consumer;

/**
 * The smallest {@link MessageBus} on a real jnats connection, for the tests of RPC over
 * NATS (the server's is the resource adapter's {@code NatsMessageBus}; lib-api cannot depend on the RAR).
 */
final class JnatsTestBus implements MessageBus {
    private final Connection connection;
    private final Dispatcher dispatcher;

    JnatsTestBus(Connection connection) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher();
    }

    @Override
    public Message request(String subject, Map<String, String> headers, byte[] data, Duration timeout) {
        long start = System.nanoTime();
        try {
            return toBus(connection.requestWithTimeout(NatsMessage.builder().subject(subject).headers(headers(headers))
                    .data(data).build(), timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (CancellationException | ExecutionException e) {
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) < 0) {
                throw new TransportException("no responders on " + subject);
            }
            throw new RpcTimeoutException("timed out on " + subject);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RpcTimeoutException("timed out on " + subject);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", e);
        }
    }

    @Override
    public void publish(String subject, Map<String, String> headers, byte[] data) {
        connection.publish(NatsMessage.builder().subject(subject).headers(headers(headers)).data(data).build());
    }

    @Override
    public Subscription subscribe(String subject, String queueGroup, Consumer<Message> handler) {
        io.nats.client.Subscription s = queueGroup == null ? dispatcher.subscribe(subject, m -> handler.accept(toBus(m)))
                : dispatcher.subscribe(subject, queueGroup, m -> handler.accept(toBus(m)));
        return () -> dispatcher.unsubscribe(s);
    }

    @Override
    public void flush(Duration timeout) {
        try {
            connection.flush(timeout);
        } catch (Exception e) {
            throw new TransportException("flush: " + e, e);
        }
    }

    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
    }

    private static Headers headers(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return null;
        }
        Headers h = new Headers();
        map.forEach(h::put);
        return h;
    }

    private static Message toBus(io.nats.client.Message m) {
        Map<String, String> h = new HashMap<>();
        if (m.getHeaders() != null) {
            m.getHeaders().entrySet().forEach(e -> h.put(e.getKey(), e.getValue().get(0)));
        }
        return new Message(m.getSubject(), h, m.getData(), m.getReplyTo());
    }
}
