// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.store.BackendManagedConnection;
import java.util.Objects;
import java.util.concurrent.Executor;

/** The {@link PubSubConnection} an application holds. */
public final class PubSubConnectionHandle extends ConnectionHandle implements PubSubConnection {
    @Override
    public void publish(String topic, byte[] message) {
        broker().publish(topic(topic), Objects.requireNonNull(message, "message"));
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        return broker().subscribe(topic(topic), Objects.requireNonNull(group, "group"), handler, executor);
    }

    private static String topic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new PubSubException("a topic name must not be empty");
        }
        return topic;
    }

    @SuppressWarnings("unchecked")
    private Broker broker() {
        return ((BackendManagedConnection<Broker>) owner()).backend();
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new PubSubException(problem);
    }
}
