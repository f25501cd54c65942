// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.TransportException;
import io.capaee.connector.outbound.ConnectionHandle;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@link MessageBus} an application holds. The jnats connection is shared, so closing the
 * handle does not close it: it ends the subscriptions made through this handle.
 */
public final class MessageBusHandle extends ConnectionHandle implements MessageBus {
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    @Override
    public MessageBus.Message request(String subject, Map<String, String> headers, byte[] data, Duration timeout) {
        return bus().request(subject, headers, data, timeout);
    }

    @Override
    public void publish(String subject, Map<String, String> headers, byte[] data) {
        bus().publish(subject, headers, data);
    }

    @Override
    public Subscription subscribe(String subject, String queueGroup, Consumer<MessageBus.Message> handler) {
        Subscription inner = bus().subscribe(subject, queueGroup, handler);
        Subscription outer = new Subscription() {
            @Override
            public void close() {
                subscriptions.remove(this);
                inner.close();
            }
        };
        subscriptions.add(outer);
        return outer;
    }

    @Override
    public void flush(Duration timeout) {
        bus().flush(timeout);
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        super.close();
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new TransportException(problem);
    }

    private NatsMessageBus bus() {
        return ((MessageBusManagedConnection) owner()).bus();
    }
}
