// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The request/reply messaging that RPC over a broker needs, with no broker client type in sight:
 * subjects, text headers and byte[] payloads. On the server the resource adapter hands one out
 * ({@link MessageBusFactory}, a {@code <connectionFactory>} in server.xml, jnats underneath);
 * {@link io.capaee.api.rpc.nats.NatsRpc} speaks cara RPC over it. Thread-safe.
 */
public interface MessageBus extends AutoCloseable {

    /** A message received: {@code replyTo} is null when the sender expects no answer; headers never null. */
    record Message(String subject, Map<String, String> headers, byte[] data, String replyTo) {
        public Message {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            data = data == null ? new byte[0] : data;
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    /** A subscription; {@link #close()} stops its deliveries. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sends a request and waits for the first reply.
     *
     * @throws RpcTimeoutException no reply within {@code timeout}
     * @throws TransportException nobody listens on {@code subject} (told at once, not after the
     *     timeout), or the broker cannot be reached
     */
    Message request(String subject, Map<String, String> headers, byte[] data, Duration timeout);

    /** Sends without waiting for an answer (a reply to a request, for one). */
    void publish(String subject, Map<String, String> headers, byte[] data);

    /**
     * Delivers the messages of {@code subject} (wildcards as the broker has them) to
     * {@code handler}, one subscriber of {@code queueGroup} getting each when it is not null.
     * The handler runs on the bus's delivery thread: hand long work to an executor.
     */
    Subscription subscribe(String subject, String queueGroup, Consumer<Message> handler);

    /** Waits until the broker has seen everything sent so far, subscriptions included. */
    void flush(Duration timeout);

    /**
     * Gives the bus back. Subscriptions are not tied to it: they go on until closed themselves
     * (on the server they belong to the resource adapter's shared connection).
     */
    @Override
    void close();
}
