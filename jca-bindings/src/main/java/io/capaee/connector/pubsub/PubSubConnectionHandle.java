// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.util.Objects;
import java.util.concurrent.Executor;

/** The {@link PubSubConnection} an application holds. */
public final class PubSubConnectionHandle extends BackendConnectionHandle<Broker> implements PubSubConnection {
    PubSubConnectionHandle() {
        super(PubSubException::new);
    }

    @Override
    public void publish(String topic, byte[] message) {
        backend().publish(topic(topic), Objects.requireNonNull(message, "message"));
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        return backend().subscribe(topic(topic), Objects.requireNonNull(group, "group"), handler, executor);
    }

    private static String topic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new PubSubException("a topic name must not be empty");
        }
        return topic;
    }
}
