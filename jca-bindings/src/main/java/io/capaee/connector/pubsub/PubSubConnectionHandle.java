// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.BindingException;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The {@link PubSubConnection} an application holds. */
public final class PubSubConnectionHandle extends BackendConnectionHandle<Broker> implements PubSubConnection {
    private final Supplier<SubscriptionLoops> loops;

    /** @param loops the adapter's running subscriptions, where {@link #subscribe(String, String, DeliveryPolicy, DeliveryHandler, int)} starts one */
    PubSubConnectionHandle(Supplier<SubscriptionLoops> loops) {
        super(PubSubException::new);
        this.loops = loops;
    }

    @Override
    public void publish(String topic, byte[] message) {
        publish(topic, message, Map.of());
    }

    @Override
    public void publish(String topic, byte[] message, Map<String, String> headers) {
        backend().publish(topic(topic), Objects.requireNonNull(message, "message"), Objects.requireNonNull(headers, "headers"));
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        return backend().subscribe(topic(topic), Objects.requireNonNull(group, "group"), handler, executor);
    }

    @Override
    public PubSubSubscription subscribe(String topic, String group, DeliveryPolicy policy, DeliveryHandler handler,
            int maxConcurrentAttempts) {
        Broker broker = backend();
        SubscriptionLoops running;
        try {
            running = loops.get();
        } catch (BindingException e) {
            throw new PubSubException(e.getMessage(), e);
        }
        SubscriptionTurns turns;
        try {
            turns = new SubscriptionTurns(broker, topic(topic), Objects.requireNonNull(group, "group"),
                    Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(handler, "handler"), maxConcurrentAttempts,
                    running.attempts());
        } catch (IllegalArgumentException e) {
            throw new PubSubException(e.getMessage(), e);
        }
        return running.start(turns, broker.readyWaitMillis());
    }

    private static String topic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new PubSubException("a topic name must not be empty");
        }
        return topic;
    }
}
