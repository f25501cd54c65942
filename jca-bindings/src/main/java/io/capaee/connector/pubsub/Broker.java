// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubSubscription;
import java.util.concurrent.Executor;

/** The broker SPI behind {@link io.capaee.api.pubsub.PubSubConnection}; thread-safe. */
public interface Broker {
    void publish(String topic, byte[] message);

    PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor);
}
