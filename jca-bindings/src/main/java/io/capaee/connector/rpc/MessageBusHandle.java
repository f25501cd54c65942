// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.TransportException;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link MessageBus} an application holds for a unit of work. The jnats connection is the
 * factory's, shared: closing the handle closes nothing, and subscriptions made through it live on
 * (as pub/sub subscriptions do) until closed themselves.
 */
public final class MessageBusHandle extends BackendConnectionHandle<NatsMessageBus> implements MessageBus {

    public MessageBusHandle() {
        super(TransportException::new);
    }

    @Override
    public MessageBus.Message request(String subject, Map<String, String> headers, byte[] data, Duration timeout) {
        return backend().request(subject, headers, data, timeout);
    }

    @Override
    public void publish(String subject, Map<String, String> headers, byte[] data) {
        backend().publish(subject, headers, data);
    }

    @Override
    public Subscription subscribe(String subject, String queueGroup, Consumer<MessageBus.Message> handler) {
        return backend().subscribe(subject, queueGroup, handler);
    }

    @Override
    public void flush(Duration timeout) {
        backend().flush(timeout);
    }
}
