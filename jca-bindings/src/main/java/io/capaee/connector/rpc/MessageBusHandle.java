// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.TransportException;
import io.capaee.connector.outbound.ConnectionHandle;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link MessageBus} an application holds for a unit of work. The jnats connection is the
 * factory's, shared: closing the handle closes nothing, and subscriptions made through it live on
 * (as pub/sub subscriptions do) until closed themselves.
 */
public final class MessageBusHandle extends ConnectionHandle implements MessageBus {

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
        return bus().subscribe(subject, queueGroup, handler);
    }

    @Override
    public void flush(Duration timeout) {
        bus().flush(timeout);
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new TransportException(problem);
    }

    private NatsMessageBus bus() {
        return ((MessageBusManagedConnection) owner()).bus();
    }
}
