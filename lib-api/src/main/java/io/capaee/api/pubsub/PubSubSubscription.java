// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

/** A running subscription; closing it stops deliveries (a delivery under way finishes). */
public interface PubSubSubscription extends AutoCloseable {
    /**
     * The messages waiting at the broker for this subscription's consumer group, as last read (every few
     * seconds: Kafka, JetStream, Redis streams); -1 for a broker without a lag, or before the first reading.
     */
    default long lag() {
        return -1;
    }

    @Override
    void close();
}
