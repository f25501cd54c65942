// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands out {@link MessageBus}es: the resource adapter's NATS connection factory for RPC, looked up
 * as {@code eis/capa/rpc/nats} (a {@code <connectionFactory>} in server.xml).
 */
public interface MessageBusFactory {
    /** A bus for a short unit of work, to close afterwards; never null. */
    MessageBus getConnection();

    /**
     * A bus that takes a connection from this factory for each operation and gives it back at once,
     * as the container wants connections used, so that a long-lived user (an RPC endpoint) holds
     * none; its subscriptions live until closed themselves.
     */
    default MessageBus perOperation() {
        MessageBusFactory factory = this;
        return new MessageBus() {
            @Override
            public Message request(String subject, Map<String, String> headers, byte[] data, Duration timeout) {
                try (MessageBus bus = factory.getConnection()) {
                    return bus.request(subject, headers, data, timeout);
                }
            }

            @Override
            public void publish(String subject, Map<String, String> headers, byte[] data) {
                try (MessageBus bus = factory.getConnection()) {
                    bus.publish(subject, headers, data);
                }
            }

            @Override
            public Subscription subscribe(String subject, String queueGroup, Consumer<Message> handler) {
                try (MessageBus bus = factory.getConnection()) {
                    return bus.subscribe(subject, queueGroup, handler);
                }
            }

            @Override
            public void flush(Duration timeout) {
                try (MessageBus bus = factory.getConnection()) {
                    bus.flush(timeout);
                }
            }

            @Override
            public void close() {
                // holds nothing between operations
            }
        };
    }
}
