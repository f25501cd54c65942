// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

/** A running subscription; closing it stops deliveries (a delivery under way finishes). */
public interface PubSubSubscription extends AutoCloseable {
    @Override
    void close();
}
