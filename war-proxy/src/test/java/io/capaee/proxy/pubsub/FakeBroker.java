// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** A broker that records what is published (and its traceparent header, if any), and refuses a message that says "refuse". */
public final class FakeBroker implements PubSubConnectionFactory {
    private final List<String> published;

    public FakeBroker(List<String> published) {
        this.published = published;
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public PubSubConnection getConnection() {
        return new PubSubConnection() {
            @Override
            public void publish(String topic, byte[] message) {
                String text = new String(message, StandardCharsets.UTF_8);
                if (text.contains("refuse")) {
                    throw new PubSubException("broker at 10.0.0.9:4222 said no");
                }
                published.add(text);
            }

            @Override
            public void publish(String topic, byte[] message, Map<String, String> headers) {
                publish(topic, message);
                published.set(published.size() - 1, published.get(published.size() - 1) + " traceparent=" + headers.get("traceparent"));
            }

            @Override
            public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
                throw new UnsupportedOperationException("publish only");
            }

            @Override
            public PubSubSubscription subscribe(String topic, String group, DeliveryPolicy policy, DeliveryHandler handler,
                    int maxConcurrentAttempts) {
                throw new UnsupportedOperationException("publish only");
            }

            @Override
            public void close() {}
        };
    }
}
